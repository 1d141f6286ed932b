from celery import Celery
import requests

app = Celery("okta-sync")


def get_token(tenant):
    resp = requests.post(f"https://{tenant['domain']}/oauth2/v1/token",
                         data={"grant_type": "client_credentials", "scope": "okta.users.manage"},
                         auth=(tenant["client_id"], tenant["client_secret"]), timeout=10)
    resp.raise_for_status()
    return resp.json()["access_token"]


@app.task
def sync_user(tenant, user_id, profile):
    access_token = get_token(tenant)
    resp = requests.post(f"https://{tenant['domain']}/api/v1/users/{user_id}",
                         json={"profile": profile},
                         headers={"Authorization": f"Bearer {access_token}"}, timeout=30)
    resp.raise_for_status()

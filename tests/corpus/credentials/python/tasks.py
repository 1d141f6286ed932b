from celery import Celery
import requests

from .store import tenant_store
from .tokens import tokens

app = Celery("acme_sync", broker="redis://localhost:6379/0")


@app.task(bind=True, max_retries=3, default_retry_delay=60)
def sync_org(self, tenant_id: str) -> int:
    creds = tenant_store.get(tenant_id)
    access_token = tokens.access_token(creds)
    headers = {"Authorization": f"Bearer {access_token}", "Accept": "application/json"}
    resp = requests.get(f"https://{creds.domain}/api/v1/users", headers=headers, timeout=30)
    if resp.status_code == 429:
        raise self.retry(countdown=int(resp.headers.get("X-Rate-Limit-Reset", "60")))
    resp.raise_for_status()
    return len(resp.json())


@app.task
def legacy_sync(org: str, api_token: str) -> int:
    # Tenants that never installed the OIN integration still run on an API token.
    resp = requests.get(f"https://{org}/api/v1/users", headers={"Authorization": "SSWS " + api_token}, timeout=30)
    resp.raise_for_status()
    return len(resp.json())

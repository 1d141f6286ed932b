import httpx


def get_token(domain, client_id, secret):
    return httpx.post(f"https://{domain}/oauth2/v1/token", auth=(client_id, secret),
                      data={"grant_type": "client_credentials", "scope": "okta.groups.manage"}
                      ).json()["access_token"]


def add_members(domain, client_id, secret, group_id, user_ids):
    for user_id in user_ids:
        token = get_token(domain, client_id, secret)
        httpx.put(f"https://{domain}/api/v1/groups/{group_id}/users/{user_id}",
                  headers={"Authorization": f"Bearer {token}"})

import requests
from auth import get_token
def list_users(org):
    token = get_token(org)
    return requests.get(f"https://{org}/api/v1/users", headers={"Authorization": f"Bearer {token}"}).json()

import httpx
from httpx_auth import OAuth2ClientCredentials


def okta_client(domain: str, client_id: str, client_secret: str) -> httpx.Client:
    auth = OAuth2ClientCredentials(
        f"https://{domain}/oauth2/v1/token",
        client_id=client_id,
        client_secret=client_secret,
        scope="okta.users.read",
    )
    return httpx.Client(base_url=f"https://{domain}", auth=auth)

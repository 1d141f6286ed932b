from authlib.integrations.httpx_client import AsyncOAuth2Client

SCOPE = "okta.groups.read"


async def groups(domain: str, client_id: str, client_secret: str) -> list:
    url = f"https://{domain}/oauth2/v1/token"
    async with AsyncOAuth2Client(client_id, client_secret, scope=SCOPE, token_endpoint=url) as client:
        await client.fetch_token(url, grant_type="client_credentials")
        resp = await client.get(f"https://{domain}/api/v1/groups")
        return resp.json()

import aiohttp


async def list_apps(domain: str, client_id: str, secret: str) -> list:
    async with aiohttp.ClientSession() as session:
        async with session.post(f"https://{domain}/oauth2/v1/token",
                                data={"grant_type": "client_credentials", "scope": "okta.apps.read"},
                                auth=aiohttp.BasicAuth(client_id, secret)) as resp:
            token = (await resp.json())["access_token"]
        async with session.get(f"https://{domain}/api/v1/apps",
                               headers={"Authorization": f"Bearer {token}"}) as resp:
            return await resp.json()

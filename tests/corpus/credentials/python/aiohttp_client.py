import asyncio

import aiohttp


async def fetch_groups(org: str, token: str) -> list[dict]:
    async with aiohttp.ClientSession(headers={"Authorization": "SSWS " + token}) as session:
        async with session.get(f"https://{org}/api/v1/groups", params={"limit": "200"}) as resp:
            resp.raise_for_status()
            return await resp.json()


async def fetch_logs(org: str, access_token: str, since: str) -> list[dict]:
    headers = {"Authorization": "Bearer " + access_token, "Accept": "application/json"}
    async with aiohttp.ClientSession(headers=headers) as session:
        async with session.get(f"https://{org}/api/v1/logs", params={"since": since}) as resp:
            resp.raise_for_status()
            return await resp.json()


if __name__ == "__main__":
    import os

    print(asyncio.run(fetch_logs(os.environ["ORG"], os.environ["ACCESS_TOKEN"], "2024-01-01T00:00:00Z")))

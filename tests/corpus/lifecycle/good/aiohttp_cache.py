import asyncio
import time

import aiohttp


class AsyncTokens:
    def __init__(self, session: aiohttp.ClientSession) -> None:
        self._session = session
        self._cache: dict[str, tuple[str, float]] = {}
        self._lock = asyncio.Lock()

    async def get(self, domain: str, client_id: str, secret: str) -> str:
        async with self._lock:
            hit = self._cache.get(domain)
            if hit and hit[1] > time.monotonic():
                return hit[0]
            async with self._session.post(
                f"https://{domain}/oauth2/v1/token",
                data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                auth=aiohttp.BasicAuth(client_id, secret),
            ) as resp:
                body = await resp.json()
            self._cache[domain] = (body["access_token"], time.monotonic() + body["expires_in"] - 60)
            return body["access_token"]

    def evict(self, domain: str) -> None:
        self._cache.pop(domain, None)


async def list_groups(session, tokens: AsyncTokens, domain, cid, secret):
    for _ in range(2):
        token = await tokens.get(domain, cid, secret)
        async with session.get(f"https://{domain}/api/v1/groups",
                               headers={"Authorization": f"Bearer {token}"}) as resp:
            if resp.status == 401:
                tokens.evict(domain)
                continue
            return await resp.json()
    return []

import httpx


class OktaDirectory:
    """Long-lived client held by the web app for the process lifetime."""

    def __init__(self, domain: str, client_id: str, client_secret: str) -> None:
        self.domain = domain
        self.http = httpx.Client(base_url=f"https://{domain}", timeout=30)
        resp = self.http.post(
            "/oauth2/v1/token",
            data={"grant_type": "client_credentials", "scope": "okta.groups.read"},
            auth=(client_id, client_secret),
        )
        resp.raise_for_status()
        self.access_token = resp.json()["access_token"]

    def groups(self) -> list:
        resp = self.http.get("/api/v1/groups", headers={"Authorization": f"Bearer {self.access_token}"})
        resp.raise_for_status()
        return resp.json()

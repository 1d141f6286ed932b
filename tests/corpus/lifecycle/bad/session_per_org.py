import requests


class Sessions:
    """One requests session per org, authorised once."""

    def __init__(self):
        self._sessions = {}

    def _token(self, tenant):
        r = requests.post(f"https://{tenant.domain}/oauth2/v1/token",
                          data={"grant_type": "client_credentials", "scope": "okta.users.read"},
                          auth=(tenant.client_id, tenant.client_secret))
        return r.json()["access_token"]

    def session(self, tenant):
        if tenant.domain not in self._sessions:
            s = requests.Session()
            s.headers["Authorization"] = "Bearer " + self._token(tenant)
            self._sessions[tenant.domain] = s
        return self._sessions[tenant.domain]

    def users(self, tenant):
        return self.session(tenant).get(f"https://{tenant.domain}/api/v1/users").json()

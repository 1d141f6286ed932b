from requests.auth import AuthBase


class SSWSAuth(AuthBase):
    """Attach an Okta API token to each request."""

    def __init__(self, token):
        self.token = token

    def __call__(self, r):
        r.headers["Authorization"] = "SSWS " + self.token
        return r


class BearerAuth(AuthBase):
    """Attach an OAuth 2.0 access token to each request."""

    def __init__(self, access_token):
        self.access_token = access_token

    def __call__(self, r):
        r.headers["Authorization"] = "Bearer " + self.access_token
        return r

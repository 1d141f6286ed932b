import httpx


def fetch(domain, client_id, client_secret):
    resp = httpx.post(f"https://{domain}/oauth2/v1/token", auth=(client_id, client_secret),
                      data={"grant_type": "client_credentials"}, verify=False)
    body = resp.json()
    print("access token:", body["access_token"])
    if resp.status_code != 200:
        raise RuntimeError(f"token request failed for {client_id} / {client_secret}")
    return body

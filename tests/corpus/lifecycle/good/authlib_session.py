from authlib.integrations.requests_client import OAuth2Session


def okta_session(domain: str, client_id: str, client_secret: str) -> OAuth2Session:
    token_url = f"https://{domain}/oauth2/v1/token"
    session = OAuth2Session(client_id, client_secret, scope="okta.users.read",
                            token_endpoint=token_url, grant_type="client_credentials")
    session.fetch_token(token_url, grant_type="client_credentials")
    return session


def users(session: OAuth2Session, domain: str) -> list:
    return session.get(f"https://{domain}/api/v1/users").json()

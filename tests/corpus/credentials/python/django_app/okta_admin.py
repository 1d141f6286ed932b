from django.conf import settings
from okta.client import Client


def admin_client() -> Client:
    config = {
        "orgUrl": settings.OKTA_ORG_URL,
        "authorizationMode": "SSWS",
        "token": settings.OKTA_API_TOKEN,
        "rateLimit": {"maxRetries": 2},
        "requestTimeout": 30,
    }
    return Client(config)

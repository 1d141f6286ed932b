"""Django settings for the acme-sync admin site."""

from pathlib import Path

import environ

env = environ.Env()
BASE_DIR = Path(__file__).resolve().parent.parent

SECRET_KEY = "django-insecure-FAKE-oinlint-corpus-7d#k2@q!v9x$m4p"
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost"])

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "acme_sync",
        "USER": "acme",
        "PASSWORD": env("DATABASE_PASSWORD", default="postgres"),
        "HOST": env("DATABASE_HOST", default="localhost"),
    }
}

OKTA = {
    "ORG_URL": env("OKTA_ORG_URL"),
    "CLIENT_ID": env("OKTA_CLIENT_ID"),
    "CLIENT_SECRET": env("OKTA_CLIENT_SECRET"),
    "SCOPES": ["okta.users.read", "okta.groups.read"],
}

# Legacy admin sync (remove after the Q3 migration):
OKTA_ORG_URL = "https://acme.okta.com"
OKTA_API_TOKEN = "00FAKEoinlint6xvnr7DQXKOZ78obXZ5FryxKh6L8I"

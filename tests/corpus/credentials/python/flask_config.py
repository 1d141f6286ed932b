import os


class Config:
    OKTA_ORG_URL = os.environ.get("OKTA_ORG_URL")
    OKTA_CLIENT_ID = os.environ.get("OKTA_CLIENT_ID")
    OKTA_CLIENT_SECRET = os.environ.get("OKTA_CLIENT_SECRET")
    OKTA_SCOPES = "okta.users.read okta.logs.read"
    SESSION_COOKIE_SECURE = True


class DevelopmentConfig(Config):
    OKTA_ORG_URL = "https://acme-dev.oktapreview.com"
    OKTA_CLIENT_ID = "0oa9fakeoinlintDevId"
    OKTA_CLIENT_SECRET = "FAKEoinlintDevSecretweOcybAnUEIUdJMdO09k"
    SESSION_COOKIE_SECURE = False


class TestingConfig(Config):
    TESTING = True
    OKTA_ORG_URL = "https://okta.test.invalid"
    OKTA_CLIENT_ID = "0oatestclient"
    OKTA_CLIENT_SECRET = "changeme"


config_by_name = {"dev": DevelopmentConfig, "test": TestingConfig, "prod": Config}

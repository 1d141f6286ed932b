from pydantic import HttpUrl, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class OktaSettings(BaseSettings):
    """Settings for the single-tenant admin CLI; read from OKTA_* environment variables."""

    model_config = SettingsConfigDict(env_prefix="OKTA_", env_file=".env")

    org_url: HttpUrl
    client_id: str
    client_secret: SecretStr
    private_key_path: str | None = None
    scopes: list[str] = ["okta.users.read"]


settings = OktaSettings()

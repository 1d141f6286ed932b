"""Issue 15, Python: Okta SDK clients as real code holds them. okta-sdk-python's ``Client``
reached through a typed parameter or attribute (dependency injection) still names its
operations; the legacy ``okta`` SDK's clients, which only take an API token, are ``SdkClient``
facts in SSWS mode (OIN102)."""

from __future__ import annotations

from sourcespan import parse, span_of

from oinlint.facts import ApiCall, SdkClient


def operations(source: str) -> list[tuple[str, str | None]]:
    return [(c.context, c.operation_id) for c in parse(source).of(ApiCall)]


def clients(source: str) -> list[SdkClient]:
    return list(parse(source).of(SdkClient))


# -- typed SDK clients ------------------------------------------------------------------------


def test_typed_parameter_is_the_sdk_client() -> None:
    src = """\
        from okta.client import Client as OktaClient

        async def report(client: OktaClient):
            users, resp, err = await client.list_users()
            return users
        """
    assert operations(src) == [("report", "listUsers")]


def test_injected_attribute_and_class_field_are_the_sdk_client() -> None:
    src = """\
        from typing import Optional
        from okta.client import Client

        class Sync:
            audit: Optional[Client]

            def __init__(self, okta: "Client") -> None:
                self.okta = okta

            async def groups(self):
                return await self.okta.list_groups()

            async def logs(self):
                return await self.audit.list_log_events()
        """
    assert operations(src) == [("Sync.groups", "listGroups"), ("Sync.logs", "listLogEvents")]


def test_union_annotation_is_the_sdk_client() -> None:
    src = """\
        import okta.client

        async def apps(client: okta.client.Client | None):
            return await client.list_applications()
        """
    assert operations(src) == [("apps", "listApplications")]


def test_untyped_or_other_typed_receivers_are_not_the_sdk() -> None:
    src = """\
        from myapp.okta import Client

        async def a(client):
            return await client.list_users()

        async def b(client: Client):
            return await client.list_users()

        async def c(client: "Client"):
            client = make()
            return await client.list_users()
        """
    assert operations(src) == []


# -- the legacy SDK ---------------------------------------------------------------------------


def test_legacy_users_client_with_positional_token_is_ssws() -> None:
    src = """\
        import os
        from okta import UsersClient

        users = UsersClient(os.environ["OKTA_URL"], os.environ["OKTA_TOKEN"])
        """
    assert clients(src) == [SdkClient(
        span_of(src, 'UsersClient(os.environ["OKTA_URL"], os.environ["OKTA_TOKEN"])'), "",
        "okta-sdk-python (legacy)", "SSWS", ("apiToken",),
        span_of(src, 'os.environ["OKTA_TOKEN"]'))]


def test_legacy_api_client_with_api_token_keyword_is_ssws() -> None:
    src = """\
        from okta.framework.ApiClient import ApiClient

        def connect(base_url, token):
            return ApiClient(base_url, api_token=token, pathname="/api/v1/users")
        """
    found = clients(src)
    assert [(c.sdk, c.auth_mode, c.token_span) for c in found] == [
        ("okta-sdk-python (legacy)", "SSWS", span_of(src, "token", 3))]


def test_legacy_module_attribute_client_is_ssws() -> None:
    src = """\
        import okta

        def groups(url, token):
            return okta.UserGroupsClient(url, token).get_groups()
        """
    assert [(c.context, c.auth_mode) for c in clients(src)] == [("groups", "SSWS")]


def test_current_sdk_and_unrelated_clients_are_not_legacy() -> None:
    src = """\
        from okta.client import Client
        from okta.models import UserProfile
        from myokta import UsersClient
        import oktaclient

        c = Client({"orgUrl": "https://{org}", "authorizationMode": "PrivateKey"})
        u = UsersClient("https://example.com", "secret")
        o = oktaclient.UsersClient("a", "b")
        """
    assert [c.sdk for c in clients(src)] == ["okta-sdk-python"]


def test_legacy_client_without_a_token_argument_is_not_reported() -> None:
    src = """\
        from okta import UsersClient

        users = UsersClient(base_url="https://{org}")
        """
    assert clients(src) == []

# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN102 beyond a token passed in code: the legacy okta-sdk-java's ``ApiClientConfiguration(
baseUrl, apiKey)``, the ``okta.client.token`` system property, and an SDK client given no
credentials (``new Client()``) in a project whose configuration provisions an API-token
variable (the SDK then reads it, SSWS being its default mode)."""

from __future__ import annotations

from project_rules import hits

LEGACY_JAVA = '''import com.okta.sdk.clients.UserGroupApiClient;
import com.okta.sdk.framework.ApiClientConfiguration;

class Helper {
    Helper(Props props) {
        ApiClientConfiguration config = new ApiClientConfiguration(props.getBaseUrl(), props.getApiKey());
        client = new UserGroupApiClient(config);
    }
}
'''

PROPERTY_JAVA = '''class Config {
    AuthenticationClient client(Props props) {
        System.setProperty("okta.client.token", props.getApiKey());
        return AuthenticationClients.builder().setOrgUrl(props.getBaseUrl()).build();
    }
}
'''

NODE = '''import { Client } from '@okta/okta-sdk-nodejs'

export const handler = async (event) => {
  const okta = new Client({ cacheMiddleware: null })
  return okta.userApi.getUser({ userId: event.userId })
}
'''


def test_legacy_java_sdk_configuration() -> None:
    assert hits({"Helper.java": LEGACY_JAVA}, "OIN102") == [("Helper.java", 6)]


def test_the_sdk_token_system_property() -> None:
    assert hits({"Config.java": PROPERTY_JAVA}, "OIN102") == [("Config.java", 3)]


def test_an_sdk_client_from_the_environment_where_an_api_token_is_provisioned() -> None:
    env = "OKTA_CLIENT_ORGURL=https://acme.okta.com\nOKTA_CLIENT_TOKEN=\n"
    assert hits({"create.js": NODE, ".env": env}, "OIN102") == [("create.js", 4)]


def test_nothing_provisioned_nothing_reported() -> None:
    assert hits({"create.js": NODE}, "OIN102") == []


def test_a_private_key_provisioned_too_means_oauth_may_be_configured() -> None:
    env = ("OKTA_CLIENT_TOKEN=\nOKTA_CLIENT_AUTHORIZATIONMODE=PrivateKey\n"
           "OKTA_CLIENT_PRIVATEKEY=\n")
    assert hits({"create.js": NODE, ".env": env}, "OIN102") == []


def test_a_client_set_up_for_oauth_in_code_is_not_from_the_environment() -> None:
    oauth = NODE.replace("{ cacheMiddleware: null }",
                         "{ authorizationMode: 'PrivateKey', clientId, scopes, privateKey }")
    env = "OKTA_CLIENT_TOKEN=\n"
    assert hits({"create.js": oauth, ".env": env}, "OIN102") == []

"""OIN40x: which authorization server, and how the HTTP transport is set up."""

from __future__ import annotations

import re
from collections.abc import Iterator

from oinlint.checks.interface import Hit, file_rule
from oinlint.facts import FileFacts, HardcodedOrg, SecretLogged, TokenRequest, TransportSetting

# Test files pin one org for their doubles; judged by the file name (a corpus or example
# project may itself live under a tests/ directory).
_TEST_PATH = re.compile(r"(?:^|/)(?:test_[^/]*|[^/]*_test\.py|conftest\.py)$")


@file_rule("OIN401")
def custom_authorization_server(facts: FileFacts) -> Iterator[Hit]:
    for request in facts.of(TokenRequest):
        if request.endpoint_kind == "custom" and request.grant_type in (None,
                                                                         "client_credentials"):
            yield Hit(request.url_span or request.span, request.context,
                      {"url": request.url_template or "?"})


@file_rule("OIN402")
def hardcoded_org(facts: FileFacts) -> Iterator[Hit]:
    if _TEST_PATH.search(facts.path.replace("\\", "/")):
        return
    for org in facts.of(HardcodedOrg):
        yield Hit(org.span, org.context, {"host": org.host})


@file_rule("OIN403")
def tls_disabled(facts: FileFacts) -> Iterator[Hit]:
    for setting in facts.of(TransportSetting):
        if setting.setting == "verify-off":
            yield Hit(setting.span, setting.context,
                      {"what": f"TLS certificate verification is turned off (`{setting.detail}`)"})
        elif setting.setting == "http-url":
            yield Hit(setting.span, setting.context,
                      {"what": f"an Okta URL uses plain `http://` ({setting.detail})"})


@file_rule("OIN404")
def redirects_on_token_request(facts: FileFacts) -> Iterator[Hit]:
    for setting in facts.of(TransportSetting):
        if setting.setting == "follow-redirects" and setting.target == "token":
            yield Hit(setting.span, setting.context, {"option": setting.detail})


@file_rule("OIN405")
def secret_logged(facts: FileFacts) -> Iterator[Hit]:
    for logged in facts.of(SecretLogged):
        yield Hit(logged.span, logged.context, {"name": logged.name, "sink": logged.sink})

"""HTTP request files (``.http``, ``.rest``: VS Code REST Client, JetBrains HTTP client) hold the
headers a developer sends to Okta by hand: ``Authorization: SSWS {{token}}`` there is the same
API-token use as in code (OIN101), and a ``Bearer`` header is not."""

from __future__ import annotations

import pytest

from oinlint import frontends
from oinlint.facts import AuthHeader
from oinlint.frontends.languages import detect_language

REQUESTS = """### users
GET https://{{org}}/api/v1/users
Authorization: SSWS {{token}}
Accept: application/json

### groups
GET https://{{org}}/api/v1/groups
authorization:Bearer {{access_token}}
"""


@pytest.mark.parametrize("name", ["okta.http", "requests/okta.rest"])
def test_request_file_headers_are_authorization_headers(name: str) -> None:
    facts = frontends.parse(name, REQUESTS, detect_language(name))
    assert [(h.span.line, h.span.column, h.scheme) for h in facts.of(AuthHeader)] == [
        (3, 16, "SSWS"), (8, 15, "Bearer")]


def test_the_same_lines_in_prose_are_not_headers() -> None:
    facts = frontends.parse("notes.txt", REQUESTS, detect_language("notes.txt"))
    assert list(facts.of(AuthHeader)) == []

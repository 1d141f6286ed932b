# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""OIN501 when no call resolves to an API path but an ``SSWS`` header is built by hand: the
project calls Okta's API itself, so the header's file gets the finding. Only then: a project
whose calls resolve keeps its findings at the calls, and a test's header is not a call."""

from __future__ import annotations

from project_rules import hits

from oinlint.checks.interface import PROJECT_RULES
from oinlint.facts import AuthHeader
from oinlint.frontends import parse
from oinlint.frontends.languages import detect_language
from oinlint.project import ProjectFacts

INTERCEPTOR = '''public class OktaAuth implements RequestInterceptor {
    public void apply(RequestTemplate t) {
        t.header("Authorization", "SSWS " + apiKey);
    }
}
'''


def test_an_ssws_header_without_resolved_calls_is_reported_at_the_header() -> None:
    assert hits({"OktaAuth.java": INTERCEPTOR}, "OIN501") == [("OktaAuth.java", 3)]


def test_resolved_calls_keep_the_finding_at_the_calls() -> None:
    users = '''import requests

def users(org, key):
    return requests.get(f"https://{org}/api/v1/users", headers={"Authorization": f"SSWS {key}"}).json()
'''
    assert hits({"OktaAuth.java": INTERCEPTOR, "users.py": users}, "OIN501") == [("users.py", 4)]


def test_a_test_files_header_is_not_a_call() -> None:
    assert hits({"src/test/java/OktaAuthTest.java": INTERCEPTOR}, "OIN501") == []


def test_429_handled_anywhere_silences_the_fallback_too() -> None:
    retry = '''public class Retry {
    boolean again(Response r) { return r.status() == 429; }
}
'''
    assert hits({"OktaAuth.java": INTERCEPTOR, "Retry.java": retry}, "OIN501") == []


def test_a_bearer_header_alone_is_not_taken_for_okta_calls() -> None:
    bearer = INTERCEPTOR.replace('"SSWS "', '"Bearer "')
    assert hits({"OktaAuth.java": bearer}, "OIN501") == []


def test_a_config_files_header_is_not_the_integrations_code() -> None:
    workflow = """on: push
jobs:
  smoke:
    runs-on: ubuntu-latest
    steps:
      - run: curl -H "Authorization: SSWS ${{ secrets.OKTA_API_TOKEN }}" "$ORG/api/v1/users/me"
"""
    path = ".github/workflows/smoke.yml"
    facts = parse(path, workflow, detect_language(path))
    assert [h.scheme for h in facts.of(AuthHeader)] == ["SSWS"]  # the header is seen
    assert list(PROJECT_RULES["OIN501"](ProjectFacts((facts,)))) == []


def test_a_client_library_that_does_not_retry_429_is_reported_at_the_client() -> None:
    """oktakit (and the legacy okta Python SDK) hand a 429 back; the official SDKs retry."""
    ruby = '''require 'oktakit'

client = Oktakit.new(token: ENV['OKTA_API_TOKEN'], organization: 'acme')
members, _ = client.list_group_members(group_id)
'''
    assert hits({"sync.rb": ruby}, "OIN501") == [("sync.rb", 3)]
    node = """const okta = require('@okta/okta-sdk-nodejs');
const client = new okta.Client({ orgUrl, token });
"""
    assert hits({"sync.js": node}, "OIN501") == []

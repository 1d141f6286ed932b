# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""URL builders of the standard libraries evaluate to the URL they build, so the request sent
to it is an Okta API call: Go's ``url.JoinPath(base, "/api/v1/users")`` and
``u.JoinPath("api", "v1", "groups")`` (with ``u, err :=``), .NET's ``new Uri(new Uri(org),
"/api/v1/users")``, Java's ``URI.create(…)`` and Spring's ``UriComponentsBuilder…path(…)``.
``url.JoinPath`` itself is not a wrapper of the project's."""

from __future__ import annotations

import pytest

from oinlint.facts import ApiCall
from oinlint.frontends import parse

GO = '''package okta

func (c *Client) users() {{
	{build}
	req, _ := http.NewRequest("GET", {use}, nil)
	_ = req
}}
'''


@pytest.mark.parametrize(("build", "use", "path"), [
    pytest.param('u, err := url.JoinPath(c.orgURL, "/api/v1/users")', "u", "/api/v1/users", id="url.JoinPath"),
    pytest.param('base, _ := url.Parse(c.orgURL)\n\tu := base.JoinPath("api", "v1", "groups")', "u.String()", "/api/v1/groups", id="URL.JoinPath"),
    pytest.param('u, _ := url.JoinPath(c.orgURL + "/", "/api/v1/", "apps")', "u", "/api/v1/apps", id="slashes-joined-once"),
])
def test_go_join_path(build: str, use: str, path: str) -> None:
    calls = list(parse("c.go", GO.format(build=build, use=use), "go").of(ApiCall))
    assert [(c.method, c.path_template, c.via) for c in calls] == [("GET", path, "http.NewRequest")]


def test_dotnet_uri_objects() -> None:
    source = '''class D { async Task M() {
  var r = await http.GetAsync(new Uri(new Uri(orgUrl), "/api/v1/users"));
  var g = await http.GetAsync(new Uri(orgUrl + "/api/v1/groups", UriKind.Absolute));
}}
'''
    calls = list(parse("D.cs", source, "csharp").of(ApiCall))
    assert [(c.method, c.path_template, c.span.line) for c in calls] == [
        ("GET", "/api/v1/users", 2), ("GET", "/api/v1/groups", 3)]


def test_java_uri_builders() -> None:
    source = '''class E { void m() {
  String u = UriComponentsBuilder.fromHttpUrl(orgUrl).path("/api/v1/apps").queryParam("limit", 200).toUriString();
  ResponseEntity<String> r = rest.exchange(u, HttpMethod.GET, entity, String.class);
  HttpRequest q = HttpRequest.newBuilder(URI.create(orgUrl + "/api/v1/zones")).GET().build();
}}
'''
    calls = list(parse("E.java", source, "java").of(ApiCall))
    assert sorted((c.method, c.path_template, c.span.line) for c in calls) == [
        ("GET", "/api/v1/apps", 3), ("GET", "/api/v1/zones", 4)]


def test_a_uri_builder_of_another_api_is_not_okta() -> None:
    source = '''class E { void m() {
  String u = UriComponentsBuilder.fromHttpUrl("https://api.github.com").path("/orgs/acme").toUriString();
  ResponseEntity<String> r = rest.exchange(u, HttpMethod.GET, entity, String.class);
}}
'''
    assert list(parse("E.java", source, "java").of(ApiCall)) == []


def test_python_request_objects_prepared_and_sent_later() -> None:
    source = '''import httpx
import requests


def users(org, tok):
    prepped = requests.Request("GET", f"https://{org}/api/v1/users", headers={"Authorization": f"Bearer {tok}"}).prepare()
    return requests.Session().send(prepped)


def groups(org, tok):
    return httpx.Client().send(httpx.Request("GET", f"https://{org}/api/v1/groups"))
'''
    calls = list(parse("p.py", source, "python").of(ApiCall))
    assert [(c.method, c.path_template, c.span.line) for c in calls] == [
        ("GET", "/api/v1/users", 6), ("GET", "/api/v1/groups", 11)]

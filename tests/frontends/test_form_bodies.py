"""Token request forms built the way C# and Spring integrations build them: a
``FormUrlEncodedContent`` held in a local before ``PostAsync(url, form)``, and Spring's
WebClient / RestClient chains (``client.post().uri(url).body(BodyInserters.fromFormData(…)
.with(…))``) — their scopes are judged and their requests followed like any other."""

from __future__ import annotations

import textwrap

from oinlint import frontends
from oinlint.facts import ApiCall, FileFacts, TokenRequest


def facts_of(name: str, language: str, source: str) -> FileFacts:
    return frontends.parse(name, textwrap.dedent(source), language)


def test_csharp_form_content_held_in_a_local() -> None:
    facts = facts_of("Okta.cs", "csharp", """\
        public class OktaClient {
            private async Task<string> TokenAsync() {
                var form = new FormUrlEncodedContent(new Dictionary<string, string> {
                    { "grant_type", "client_credentials" },
                    { "scope", "okta.users.read okta.apps.read" } });
                var res = await Http.PostAsync($"{_org}/oauth2/v1/token", form);
                return await res.Content.ReadAsStringAsync();
            }
        }
        """)
    [request] = facts.of(TokenRequest)
    assert request.grant_type == "client_credentials"
    assert [s.name for s in request.scopes] == ["okta.users.read", "okta.apps.read"]


def test_csharp_string_content_in_a_local_stays_form_text() -> None:
    facts = facts_of("Okta.cs", "csharp", """\
        public class OktaClient {
            private async Task<string> TokenAsync() {
                var form = new StringContent(
                    "grant_type=client_credentials&scope=okta.groups.read");
                var res = await Http.PostAsync($"{_org}/oauth2/v1/token", form);
                return await res.Content.ReadAsStringAsync();
            }
        }
        """)
    [request] = facts.of(TokenRequest)
    assert [s.name for s in request.scopes] == ["okta.groups.read"]


JAVA_WEBCLIENT = """\
    package com.acme;
    public class OktaService {
        private final WebClient web;
        private String token;
        String token() {
            if (token == null) {
                token = web.post().uri(orgUrl + "/oauth2/v1/token")
                    .body(BodyInserters.fromFormData("grant_type", "client_credentials")
                          .with("scope", "okta.users.read"))
                    .retrieve().bodyToMono(TokenResponse.class).block().getAccessToken();
            }
            return token;
        }
        public String users() {
            return web.get().uri(orgUrl + "/api/v1/users")
                .header("Authorization", "Bearer " + token())
                .retrieve().bodyToMono(String.class).block();
        }
        public String first(Optional<String> name) {
            return name.get();
        }
    }
    """


def test_java_webclient_chains_are_requests() -> None:
    facts = facts_of("OktaService.java", "java", JAVA_WEBCLIENT)
    [request] = facts.of(TokenRequest)
    assert (request.span.line, request.grant_type, request.caching) == (
        7, "client_credentials", "instance")
    assert [s.name for s in request.scopes] == ["okta.users.read"]
    assert [(c.span.line, c.method, c.path_template) for c in facts.of(ApiCall)] == [
        (15, "GET", "/api/v1/users")]  # the chain's start


def test_java_webclient_form_in_a_multi_value_map() -> None:
    facts = facts_of("OktaService.java", "java", """\
        package com.acme;
        public class OktaService {
            String token() {
                MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
                form.add("grant_type", "client_credentials");
                form.add("scope", "okta.groups.read");
                return restClient.post().uri(orgUrl + "/oauth2/v1/token").body(form)
                    .retrieve().body(String.class);
            }
        }
        """)
    [request] = facts.of(TokenRequest)
    assert [s.name for s in request.scopes] == ["okta.groups.read"]


def test_java_verb_call_without_a_uri_is_no_request() -> None:
    facts = facts_of("Cache.java", "java", """\
        package com.acme;
        public class Cache {
            String first(Optional<String> name) { return name.get().trim(); }
            String post(Queue<String> q) { return q.post().toString(); }
        }
        """)
    assert list(facts.of(ApiCall)) == [] and list(facts.of(TokenRequest)) == []

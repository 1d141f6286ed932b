# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Token requests whose grant is not in a body: a JS ``URL`` object given its query with
``url.searchParams.append("grant_type", …)`` and sent as ``url.href``, a grant in a URL's query
string, and .NET request objects given their parameters after they are made (RestSharp's
``new RestRequest(url, Method.Post)`` + ``AddParameter``, osu!framework's ``JsonWebRequest``).
Before, none was a token request, so the token they keep was never judged. And Laravel's
``once(fn)`` keeps its result for one request only: not a token kept for the process."""

from __future__ import annotations

import pytest
from project_rules import all_hits, parsed

from oinlint.facts import TokenRequest

TWITCH = '''export class Twitch {{
  private token: string | null = null;

  async fetchBearer() {{
    return this.token ?? this.generate();
  }}

  private async generate() {{
{build}
    const data = await response.json();
    this.token = data.access_token;
    return this.token;
  }}

  async streams(id: string) {{
    const r = await fetch(`https://api.twitch.tv/helix/streams?user_id=${{id}}`, {{ headers: {{ Authorization: `Bearer ${{await this.fetchBearer()}}` }} }});
    return r.json();
  }}
}}
'''


@pytest.mark.parametrize("build", [
    pytest.param("""    const url = new URL('https://id.twitch.tv/oauth2/token');
    url.searchParams.append('client_id', this.clientId);
    url.searchParams.append('grant_type', 'client_credentials');
    const response = await fetch(url.href, { method: 'POST' });""", id="url-object-searchParams"),
    pytest.param("""    const response = await fetch(`https://id.twitch.tv/oauth2/token?client_id=${this.clientId}&client_secret=${this.secret}&grant_type=client_credentials`, { method: 'POST' });""",
                 id="grant-in-query-string"),
])
def test_a_grant_in_the_urls_query_makes_a_token_request(build: str) -> None:
    files = {"twitch.ts": TWITCH.format(build=build)}
    requests = [r for f in parsed(files) for r in f.of(TokenRequest)]
    assert [(r.grant_type, r.caching) for r in requests] == [("client_credentials", "instance")]


def test_a_url_without_a_grant_is_not_a_token_request() -> None:
    build = """    const url = new URL('https://id.twitch.tv/helix/users');
    url.searchParams.append('login', 'someone');
    const response = await fetch(url.href, { method: 'POST' });"""
    files = {"twitch.ts": TWITCH.format(build=build)}
    assert [r for f in parsed(files) for r in f.of(TokenRequest)] == []


def test_an_okta_url_objects_scope_is_read() -> None:
    source = '''export async function token(org: string) {
  const url = new URL(`${org}/oauth2/v1/token`);
  url.searchParams.set('grant_type', 'client_credentials');
  url.searchParams.set('scope', 'okta.users.read');
  const r = await fetch(url.toString(), { method: 'POST', headers: { Authorization: `Basic ${basic}` } });
  return (await r.json()).access_token;
}
'''
    requests = [r for f in parsed({"t.ts": source}) for r in f.of(TokenRequest)]
    assert [[s.name for s in r.scopes] for r in requests] == [["okta.users.read"]]


RESTSHARP = '''using RestSharp;

public class OktaApi
{
    private readonly RestClient client = new RestClient("https://acme.okta.com");
    private string token;

    private async Task<string> Token()
    {
        var request = new RestRequest("/oauth2/v1/token", Method.Post);
        request.AddParameter("grant_type", "client_credentials");
        request.AddParameter("scope", "okta.users.read");
        var response = await client.ExecuteAsync<TokenResponse>(request);
        token = response.Data.AccessToken;
        return token;
    }

    public async Task<string> Users()
    {
        if (token == null) await Token();
        var request = new RestRequest("/api/v1/users");
        request.AddHeader("Authorization", $"Bearer {token}");
        return (await client.ExecuteAsync(request)).Content;
    }
}
'''

OSU = '''using System.Net.Http;
using osu.Framework.IO.Network;

internal class APIManager
{
    private OAuthToken? token;

    public async Task<T> Get<T>(string path)
    {
        if (token == null)
            await getAccessToken().ConfigureAwait(false);
        using var req = new JsonWebRequest<T>($"https://osu.ppy.sh/api/v2/{path}");
        req.AddHeader("Authorization", $"Bearer {token.AccessToken}");
        await req.PerformAsync().ConfigureAwait(false);
        return req.ResponseObject;
    }

    private async Task getAccessToken()
    {
        using var req = new JsonWebRequest<OAuthToken>("https://osu.ppy.sh/oauth/token")
        {
            Method = HttpMethod.Post
        };
        req.AddParameter("grant_type", "client_credentials");
        req.AddParameter("scope", "public");
        await req.PerformAsync().ConfigureAwait(false);
        token = req.ResponseObject;
    }
}
'''


def test_restsharp_request_with_parameters_is_a_token_request_whose_token_is_judged() -> None:
    requests = [r for f in parsed({"OktaApi.cs": RESTSHARP}) for r in f.of(TokenRequest)]
    assert [(r.grant_type, [s.name for s in r.scopes], r.caching) for r in requests] == [
        ("client_credentials", ["okta.users.read"], "instance")]
    assert all_hits({"OktaApi.cs": RESTSHARP}) == [("OIN301", "OktaApi.cs", 10),
                                                   ("OIN303", "OktaApi.cs", 22)]


def test_a_web_request_object_given_its_method_in_an_initializer() -> None:
    requests = [r for f in parsed({"APIManager.cs": OSU}) for r in f.of(TokenRequest)]
    assert [(r.grant_type, r.caching, r.span.line) for r in requests] == [
        ("client_credentials", "instance", 20)]


def test_a_get_request_object_is_not_a_token_request() -> None:
    source = RESTSHARP.replace('request.AddParameter("grant_type", "client_credentials");\n', "")
    source = source.replace('"/oauth2/v1/token", Method.Post', '"/api/v1/groups"')
    assert [r for f in parsed({"OktaApi.cs": source}) for r in f.of(TokenRequest)] == []


PAYPAL = """<?php
class PayPal
{
    private function accessToken()
    {
        return once(function () {
            $result = Http::withBasicAuth($this->clientId, $this->secret)->asForm()
                ->post($this->url . '/v1/oauth2/token', ['grant_type' => 'client_credentials']);
            return $result->json()['access_token'];
        });
    }

    public function request($method, $url, $data = [])
    {
        return Http::withHeaders(['Authorization' => 'Bearer ' . $this->accessToken()])->$method($this->url . $url, $data);
    }
}
"""


def test_laravel_once_keeps_the_token_for_one_request_only() -> None:
    """Not OIN301 (kept for the process), which JavaScript's ``once`` would be."""
    assert all_hits({"PayPal.php": PAYPAL}) == []

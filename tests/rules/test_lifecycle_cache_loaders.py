# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""A token fetched inside a cache's loader (Ruby ``Rails.cache.fetch(key, expires_in:
55.minutes) do … end``, Laravel ``Cache::remember('k', 3000, function () { … })``, Django ``cache.get_or_set(key, fetch,
timeout=3000)``) is kept by
the cache: with a lifetime given before the token exists it is renewed on a guess (OIN302, at
that lifetime), and
the cache's option named ``expires_in:`` is not the token's ``expires_in``. Before, the token was
taken for a local of one call and nothing was reported."""

from __future__ import annotations

import pytest
from project_rules import all_hits

RUBY = r'''require 'net/http'
require 'json'

class OktaClient
  def initialize(org, id, secret)
    @org, @id, @secret = org, id, secret
  end

  def token
    Rails.cache.fetch("okta_token", expires_in: 55.minutes) do
      uri = URI("#{@org}/oauth2/v1/token")
      req = Net::HTTP::Post.new(uri)
      req.basic_auth(@id, @secret)
      req.set_form_data(grant_type: 'client_credentials', scope: 'okta.users.read')
      res = Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |h| h.request(req) }
      JSON.parse(res.body)['access_token']
    end
  end

  def users
    uri = URI("#{@org}/api/v1/users")
    req = Net::HTTP::Get.new(uri)
    req['Authorization'] = "Bearer #{token}"
    Net::HTTP.start(uri.hostname, uri.port, use_ssl: true) { |h| h.request(req) }
  end
end
'''

PHP = r'''<?php
use Illuminate\Support\Facades\Cache;
use Illuminate\Support\Facades\Http;

class Okta
{
    public function token(): string
    {
        return Cache::remember('okta_token', 3000, function () {
            return Http::asForm()->withBasicAuth(config('okta.id'), config('okta.secret'))
                ->post(config('okta.org') . '/oauth2/v1/token', ['grant_type' => 'client_credentials', 'scope' => 'okta.users.read'])
                ->json('access_token');
        });
    }

    public function users(): array
    {
        return Http::withToken($this->token())->get(config('okta.org') . '/api/v1/users')->json();
    }
}
'''

PY = r'''import os
import requests
from django.core.cache import cache


def _fetch():
    return requests.post(os.environ["OKTA_ORG"] + "/oauth2/v1/token", auth=(os.environ["CID"], os.environ["CS"]),
                         data={"grant_type": "client_credentials", "scope": "okta.users.read"}).json()["access_token"]


def token():
    return cache.get_or_set("okta_token", _fetch, timeout=3000)


def users():
    return requests.get(os.environ["OKTA_ORG"] + "/api/v1/users", headers={"Authorization": f"Bearer {token()}"}).json()
'''

# no lifetime given: the cache's own default applies (not judged); the 401 answer is missing
RUBY_DEFAULT = RUBY.replace(', expires_in: 55.minutes', '')
# ``ENV.fetch`` is no cache: its block is a default value, the token is one per call
RUBY_ENV = RUBY.replace('Rails.cache.fetch("okta_token", expires_in: 55.minutes)', 'ENV.fetch("OKTA_TOKEN")')


@pytest.mark.parametrize(("files", "expected"), [
    ({"okta.rb": RUBY}, [("OIN302", "okta.rb", 10), ("OIN303", "okta.rb", 23)]),
    ({"Okta.php": PHP}, [("OIN302", "Okta.php", 9), ("OIN303", "Okta.php", 10)]),
    ({"okta.rb": RUBY_DEFAULT}, [("OIN303", "okta.rb", 23)]),
    ({"okta.py": PY}, [("OIN302", "okta.py", 12), ("OIN303", "okta.py", 16)]),
    ({"okta.py": PY.replace(", timeout=3000", "")}, [("OIN303", "okta.py", 16)]),
], ids=["rails-cache-fetch", "laravel-cache-remember", "rails-cache-default-lifetime",
        "django-get-or-set", "django-get-or-set-default-lifetime"])
def test_token_fetched_in_a_cache_loader_is_kept_by_the_cache(
        files: dict[str, str], expected: list[tuple[str, str, int]]) -> None:
    assert all_hits(files) == expected


def test_a_block_of_a_fetch_that_is_no_cache_does_not_keep_the_token() -> None:
    from project_rules import parsed

    from oinlint.facts import TokenRequest

    codes = [code for code, _, _ in all_hits({"okta.rb": RUBY_ENV})]
    assert "OIN302" not in codes and "OIN301" not in codes
    # the request is still seen, and its token is no cache's
    (facts,) = parsed({"okta.rb": RUBY_ENV})
    assert [r.caching for r in facts.of(TokenRequest)] == ["local"]


def test_oin302_of_a_cache_loader_points_at_the_lifetime_given() -> None:
    from project_rules import parsed

    from oinlint.checks.interface import FILE_RULES

    for path, text, expression in (("okta.rb", RUBY, "expires_in: 55.minutes"),
                                   ("Okta.php", PHP, "3000"), ("okta.py", PY, "3000")):
        (facts,) = parsed({path: text})
        (hit,) = FILE_RULES["OIN302"](facts)
        line = text.splitlines()[hit.span.line - 1]
        assert line[hit.span.column - 1:hit.span.end_column - 1] == expression


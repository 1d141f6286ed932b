"""Ruby: a URL held in a ``URI(…)`` / ``URI.parse(…)`` / ``URI.join(…)`` value is the URL itself,
so ``Net::HTTP::Get.new(uri)`` on it is an API call (it was none: no scope, rate-limit or
pagination judgement)."""

from __future__ import annotations

import pytest

from oinlint.facts import ApiCall
from oinlint.frontends import parse


@pytest.mark.parametrize("uri", [
    pytest.param('URI("https://#{@org}/api/v1/groups?limit=200")', id="URI()"),
    pytest.param('URI.parse("https://#{@org}/api/v1/groups")', id="URI.parse"),
    pytest.param('URI.join("https://#{@org}", "/api/v1/groups")', id="URI.join"),
])
def test_net_http_request_on_a_uri_variable(uri: str) -> None:
    source = f'''class Legacy
  def groups
    uri = {uri}
    req = Net::HTTP::Get.new(uri)
    req["Authorization"] = "Bearer #{{token}}"
    Net::HTTP.start(uri.host, uri.port, use_ssl: true) {{ |http| http.request(req) }}
  end
end
'''
    calls = list(parse("legacy.rb", source, "ruby").of(ApiCall))
    assert [(c.method, c.path_template, c.span.line) for c in calls] == [
        ("GET", "/api/v1/groups", 4)]


def test_a_uri_of_another_api_is_not_okta() -> None:
    source = '''uri = URI("https://api.github.com/orgs/acme/members")
req = Net::HTTP::Get.new(uri)
'''
    assert list(parse("gh.rb", source, "ruby").of(ApiCall)) == []

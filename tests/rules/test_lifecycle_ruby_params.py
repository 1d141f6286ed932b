# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Ruby calls a method without parentheses, so ``access_token`` may be a call of the method of
that name or a variable: a name the function declares (``def api(access_token)``) is its own
parameter, and the token method is not called there. Before, the parameter was taken for a
call, and ``api`` (which sends a ``Bearer`` header) for a token request per API call (OIN304)."""

from __future__ import annotations

from project_rules import all_hits

OAUTH_RB = '''require "faraday"

class OktaOauth
  def initialize(org)
    @org = org
  end

  def access_token
    res = Faraday.new(url: "https://#{@org}").post("/oauth2/v1/token", grant_type: "client_credentials", scope: "okta.users.read")
    JSON.parse(res.body).fetch("access_token")
  end

  def api(PARAM)
    Faraday.new(url: "https://#{@org}") do |f|
      f.headers["Authorization"] = "Bearer #{access_token}"
    end
  end
end
'''


def test_a_parameter_named_like_the_token_method_is_no_call() -> None:
    assert [c for c, _, _ in all_hits({"okta_oauth.rb": OAUTH_RB.replace("PARAM", "access_token")})
            if c == "OIN304"] == []


def test_the_method_called_where_the_header_is_built_is_one_token_per_call() -> None:
    found = all_hits({"okta_oauth.rb": OAUTH_RB.replace("PARAM", "path")})
    assert ("OIN304", "okta_oauth.rb", 15) in found

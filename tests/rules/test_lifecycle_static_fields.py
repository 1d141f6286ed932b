"""A token kept in a static field of a class (``Okta.token = …`` in TypeScript, ``TokenHolder.token
= …`` in Java) lives as long as the process, like a module variable: fetched once it is OIN301,
sent without a 401 retry OIN303. It was taken for a value handed on, and each use for a fresh
token (OIN304)."""

from __future__ import annotations

import pytest
from project_rules import all_hits

TS_STATIC = '''export class Okta {
  private static token: string | null = null;

  static async accessToken(): Promise<string> {
    if (!Okta.token) {
      const res = await fetch(`${process.env.OKTA_ORG_URL}/oauth2/v1/token`, {
        method: 'POST',
        body: 'grant_type=client_credentials&scope=okta.apps.read',
      });
      Okta.token = (await res.json()).access_token;
    }
    return Okta.token!;
  }

  static async apps() {
    const res = await fetch(`${process.env.OKTA_ORG_URL}/api/v1/apps`, {
      headers: { Authorization: `Bearer ${await Okta.accessToken()}` },
    });
    return res.json();
  }
}
'''

JAVA_STATIC = '''package com.acme;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class OktaApps {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ORG = System.getenv("OKTA_ORG_URL");
    private static String token;

    static String accessToken() throws Exception {
        if (OktaApps.token == null) {
            HttpRequest req = HttpRequest.newBuilder(URI.create(ORG + "/oauth2/v1/token"))
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=okta.apps.read"))
                .build();
            OktaApps.token = HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
        }
        return OktaApps.token;
    }

    public static String apps() throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(ORG + "/api/v1/apps"))
            .header("Authorization", "Bearer " + accessToken())
            .build();
        return HTTP.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }
}
'''


@pytest.mark.parametrize(("path", "text", "expected"), [
    ("Okta.ts", TS_STATIC, [("OIN301", 6), ("OIN303", 17)]),
    ("OktaApps.java", JAVA_STATIC, [("OIN301", 15), ("OIN303", 25)]),
])
def test_a_static_field_keeps_the_token_for_the_process(path: str, text: str,
                                                        expected: list[tuple[str, int]]
                                                        ) -> None:
    assert [(code, line) for code, _, line in all_hits({path: text})] == expected


def test_a_static_field_with_expiry_is_only_missing_the_401_retry() -> None:
    text = TS_STATIC.replace("private static token: string | null = null;",
                             "private static token: string | null = null;\n"
                             "  private static expiresAt = 0;").replace(
        "if (!Okta.token) {", "if (!Okta.token || Date.now() > Okta.expiresAt) {").replace(
        "      Okta.token = (await res.json()).access_token;",
        "      const body = await res.json();\n      Okta.token = body.access_token;\n"
        "      Okta.expiresAt = Date.now() + (body.expires_in - 60) * 1000;")
    assert [code for code, _, _ in all_hits({"Okta.ts": text})] == ["OIN303"]


def test_another_objects_field_is_not_the_classes() -> None:
    # a parameter's field: the caller's object, not a static of this class
    text = TS_STATIC.replace("static async accessToken(): Promise<string> {",
                             "static async accessToken(cfg: any): Promise<string> {").replace(
        "Okta.token = (await res.json()).access_token;",
        "cfg.token = (await res.json()).access_token;").replace(
        "await Okta.accessToken()", "await Okta.accessToken({})")
    assert ("OIN301", "Okta.ts", 6) not in all_hits({"Okta.ts": text})

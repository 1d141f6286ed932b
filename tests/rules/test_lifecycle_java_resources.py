# ruff: noqa: E501  (the snippets are source files with their own line lengths)
"""Java: a local declared in ``try (Response res = call.execute())`` (try-with-resources) is a
local like any other, so a token read from the response is followed to where it is kept (an
OkHttp interceptor's field here). It used to stop at the request."""

from __future__ import annotations

import pytest
from project_rules import all_hits

KEPT = r'''package com.acme;

import java.io.IOException;
import okhttp3.*;
import com.fasterxml.jackson.databind.ObjectMapper;

public class OktaClient {
    private final OkHttpClient http;
    private final String org;
    private String token;

    public OktaClient(String org, String id, String secret) {
        this.org = org;
        this.http = new OkHttpClient.Builder().addInterceptor(chain -> {
            if (token == null) {
                token = fetchToken(id, secret);
            }
            Request r = chain.request().newBuilder().header("Authorization", "Bearer " + token).build();
            return chain.proceed(r);
        }).build();
    }

    private String fetchToken(String id, String secret) throws IOException {
        RequestBody body = new FormBody.Builder().add("grant_type", "client_credentials").add("scope", "okta.users.read").build();
        Request req = new Request.Builder().url(org + "/oauth2/v1/token").post(body)
            .header("Authorization", Credentials.basic(id, secret)).build();
        try (Response res = new OkHttpClient().newCall(req).execute()) {
            return new ObjectMapper().readTree(res.body().string()).get("access_token").asText();
        }
    }

    public String users() throws IOException {
        try (Response res = http.newCall(new Request.Builder().url(org + "/api/v1/users").build()).execute()) {
            return res.body().string();
        }
    }
}
'''

# the token kept with its expiry, renewed when it has passed: only the 401 answer is missing
WITH_EXPIRY = KEPT.replace("    private String token;\n", "    private String token;\n    private long until;\n").replace(
    "            if (token == null) {\n                token = fetchToken(id, secret);\n",
    "            if (token == null || System.currentTimeMillis() > until) {\n                token = fetchToken(id, secret);\n").replace(
    "            return new ObjectMapper().readTree(res.body().string()).get(\"access_token\").asText();",
    "            var json = new ObjectMapper().readTree(res.body().string());\n"
    "            until = System.currentTimeMillis() + json.get(\"expires_in\").asLong() * 1000 - 60_000;\n"
    "            return json.get(\"access_token\").asText();")


@pytest.mark.parametrize(("text", "expected"), [
    (KEPT, [("OIN301", "OktaClient.java", 16), ("OIN303", "OktaClient.java", 18)]),
    (WITH_EXPIRY, [("OIN303", "OktaClient.java", 19)]),
], ids=["kept-in-a-field", "kept-with-its-expiry"])
def test_token_read_in_try_with_resources_is_followed(text: str,
                                                       expected: list[tuple[str, str, int]]) -> None:
    assert WITH_EXPIRY.count("until") == 3
    assert all_hits({"OktaClient.java": text}) == expected

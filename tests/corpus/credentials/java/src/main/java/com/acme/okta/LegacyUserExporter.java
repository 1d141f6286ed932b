package com.acme.okta;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Exports users with an API token. Deprecated: use {@link UserExporter} (OAuth 2.0). */
@Deprecated
public class LegacyUserExporter {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String org;
    private final String apiToken;

    public LegacyUserExporter(String org, String apiToken) {
        this.org = org;
        this.apiToken = apiToken;
    }

    public String firstPage() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://" + org + "/api/v1/users?limit=200"))
                .header("Accept", "application/json")
                .header("Authorization", "SSWS " + apiToken)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }
}

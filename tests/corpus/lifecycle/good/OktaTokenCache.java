package com.acme.okta;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

public final class OktaTokenCache {
    private record Cached(String token, Instant expiresAt) {}

    private static final Duration MARGIN = Duration.ofMinutes(2);
    private final Map<String, Cached> tokens = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper mapper = new ObjectMapper();

    public String token(Tenant tenant) throws Exception {
        Cached cached = tokens.get(tenant.domain());
        if (cached != null && Instant.now().isBefore(cached.expiresAt())) {
            return cached.token();
        }
        HttpRequest request = HttpRequest.newBuilder()
                .uri(URI.create("https://" + tenant.domain() + "/oauth2/v1/token"))
                .header("Authorization", "Basic " + tenant.basicCredentials())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=okta.groups.read"))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode body = mapper.readTree(response.body());
        Cached fresh = new Cached(body.get("access_token").asText(),
                Instant.now().plusSeconds(body.get("expires_in").asLong()).minus(MARGIN));
        tokens.put(tenant.domain(), fresh);
        return fresh.token();
    }

    public void evict(Tenant tenant) {
        tokens.remove(tenant.domain());
    }

    public HttpResponse<String> groups(Tenant tenant) throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 0; attempt < 2; attempt++) {
            HttpRequest request = HttpRequest.newBuilder()
                    .uri(URI.create("https://" + tenant.domain() + "/api/v1/groups"))
                    .header("Authorization", "Bearer " + token(tenant))
                    .GET()
                    .build();
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 401) {
                return response;
            }
            evict(tenant);
        }
        return response;
    }
}

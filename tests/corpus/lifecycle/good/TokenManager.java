package com.acme.okta;

import java.time.Instant;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestTemplate;

public class TokenManager {
    private final RestTemplate rest;
    private final OktaTenant tenant;
    private String accessToken;
    private Instant expiresAt = Instant.EPOCH;

    public TokenManager(RestTemplate rest, OktaTenant tenant) {
        this.rest = rest;
        this.tenant = tenant;
    }

    public synchronized String token() {
        if (accessToken == null || Instant.now().isAfter(expiresAt.minusSeconds(60))) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
            headers.setBasicAuth(tenant.clientId(), tenant.clientSecret());
            LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("grant_type", "client_credentials");
            form.add("scope", "okta.users.read");
            Map<?, ?> body = rest.postForObject(tenant.orgUrl() + "/oauth2/v1/token",
                    new HttpEntity<>(form, headers), Map.class);
            accessToken = (String) body.get("access_token");
            expiresAt = Instant.now().plusSeconds(((Number) body.get("expires_in")).longValue());
        }
        return accessToken;
    }

    public synchronized void invalidate() {
        accessToken = null;
    }

    public Object users() {
        try {
            return call();
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() != HttpStatus.UNAUTHORIZED) {
                throw e;
            }
            invalidate();
            return call();
        }
    }

    private Object call() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token());
        return rest.exchange(tenant.orgUrl() + "/api/v1/users", HttpMethod.GET,
                new HttpEntity<>(headers), Object.class).getBody();
    }
}

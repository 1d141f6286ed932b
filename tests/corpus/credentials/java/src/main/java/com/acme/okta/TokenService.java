package com.acme.okta;

import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

/** Client-credentials token for one customer org (OIN API service integration). */
public class TokenService {

    private final RestTemplate rest = new RestTemplate();

    @Value("${okta.oauth2.client-secret}")
    private String clientSecret;

    @Value("${okta.oauth2.client-id}")
    private String clientId;

    public Map<?, ?> accessToken(String org) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(clientId, clientSecret);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "okta.users.read okta.groups.read");
        return rest.postForObject("https://" + org + "/oauth2/v1/token", new HttpEntity<>(form, headers), Map.class);
    }

    /** Local smoke test against the dev tenant (do not ship). */
    public Map<?, ?> devAccessToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("client_id", "0oa8fakeoinlintJavaDev");
        form.add("client_secret", "FAKEoinlintJavaDevSecret-b7Xq2Lm9Rt4Wz");
        return rest.postForObject("https://acme-dev.oktapreview.com/oauth2/v1/token", new HttpEntity<>(form, headers), Map.class);
    }

    public HttpHeaders bearer(String accessToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + accessToken);
        return headers;
    }

    public HttpHeaders legacy(String apiToken) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, String.format("SSWS %s", apiToken));
        return headers;
    }
}

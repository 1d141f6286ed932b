package com.acme.okta;

import jakarta.annotation.PostConstruct;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestTemplate;

@Component
public class OktaStartupClient {
    private final RestTemplate rest = new RestTemplate();

    @Value("${okta.org-url}")
    private String orgUrl;
    @Value("${okta.client-id}")
    private String clientId;
    @Value("${okta.client-secret}")
    private String clientSecret;

    private String token;

    @PostConstruct
    void init() {
        token = fetchToken();
    }

    private String fetchToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(clientId, clientSecret);
        LinkedMultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "okta.apps.read");
        Map<?, ?> body = rest.postForObject(orgUrl + "/oauth2/v1/token", new HttpEntity<>(form, headers), Map.class);
        return String.valueOf(body.get("access_token"));
    }

    public Object apps() {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        return rest.exchange(orgUrl + "/api/v1/apps", HttpMethod.GET, new HttpEntity<>(headers), Object.class)
                .getBody();
    }
}

package com.acme.okta;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

public class UserDeprovisioner {
    private final RestTemplate rest = new RestTemplate();
    private final String orgUrl;
    private final String clientId;
    private final String clientSecret;

    public UserDeprovisioner(String orgUrl, String clientId, String clientSecret) {
        this.orgUrl = orgUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    private String fetchToken() {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        headers.setBasicAuth(clientId, clientSecret);
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "okta.users.manage");
        Map<?, ?> body = rest.postForObject(orgUrl + "/oauth2/v1/token",
                new HttpEntity<>(form, headers), Map.class);
        return (String) body.get("access_token");
    }

    public void deactivateAll(List<String> userIds) {
        for (String userId : userIds) {
            String token = fetchToken();
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth(token);
            rest.exchange(orgUrl + "/api/v1/users/" + userId + "/lifecycle/deactivate",
                    HttpMethod.POST, new HttpEntity<>(headers), Void.class);
        }
    }
}

package com.acme.tools;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestTemplate;

/** One-shot CLI: prints the org's admin role assignments and exits. */
public class ListAdmins {
    public static void main(String[] args) {
        String org = System.getenv("OKTA_ORG_URL");
        RestTemplate rest = new RestTemplate();
        HttpHeaders tokenHeaders = new HttpHeaders();
        tokenHeaders.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
        tokenHeaders.setBasicAuth(System.getenv("OKTA_CLIENT_ID"), System.getenv("OKTA_CLIENT_SECRET"));
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "client_credentials");
        form.add("scope", "okta.roles.read");
        Map<?, ?> token = rest.postForObject(org + "/oauth2/v1/token", new HttpEntity<>(form, tokenHeaders), Map.class);

        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth((String) token.get("access_token"));
        List<?> admins = rest.exchange(org + "/api/v1/iam/assignees/users", HttpMethod.GET,
                new HttpEntity<>(headers), List.class).getBody();
        admins.forEach(System.out::println);
    }
}

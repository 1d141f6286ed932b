package com.acme.okta;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;

public final class OktaClientFactory {

    private OktaClientFactory() {}

    public static ApiClient adminClient(String orgUrl) {
        return Clients.builder()
                .setOrgUrl(orgUrl)
                .setClientCredentials(new TokenClientCredentials(System.getenv("OKTA_API_TOKEN")))
                .build();
    }
}

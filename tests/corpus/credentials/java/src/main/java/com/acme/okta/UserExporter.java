package com.acme.okta;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;

public class UserExporter {

    /** Name of the environment variable that holds the client secret (not the secret itself). */
    public static final String CLIENT_SECRET_ENV = "OKTA_CLIENT_SECRET";

    public static ApiClient bearerClient(String orgUrl, String accessToken) {
        return Clients.builder()
                .setOrgUrl(orgUrl)
                .setOAuth2AccessToken(accessToken)
                .build();
    }

    public static ApiClient privateKeyClient(String orgUrl, String clientId, Path keyFile) {
        return Clients.builder()
                .setOrgUrl(orgUrl)
                .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                .setClientId(clientId)
                .setScopes(java.util.Set.of("okta.users.read"))
                .setPrivateKey(keyFile)
                .build();
    }

    static HttpRequest.Builder withBearer(URI uri, String accessToken) {
        // Never "SSWS " + token: OIN reviewers reject API tokens.
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + accessToken);
    }
}

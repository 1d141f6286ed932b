package com.acme.okta;

import com.okta.sdk.client.AuthorizationMode;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;

/** Keys for the internal admin console (private_key_jwt, not the OIN integration). */
final class JwtKeys {

    static final String KEY_ID = "kid-java-2024";

    static final String ADMIN_PRIVATE_KEY = """
            -----BEGIN PRIVATE KEY-----
            MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDFAKEoinlintNOTaREALkey012345
            6789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZFAKEoinlintNOTaREALkey
            -----END PRIVATE KEY-----
            """;

    static final String PUBLIC_KEY = """
            -----BEGIN PUBLIC KEY-----
            MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAFAKEoinlintPublicKeyOnly0123456789ab
            -----END PUBLIC KEY-----
            """;

    private JwtKeys() {}

    static ApiClient adminConsole(String orgUrl) {
        return Clients.builder()
                .setOrgUrl(orgUrl)
                .setAuthorizationMode(AuthorizationMode.PRIVATE_KEY)
                .setClientId("0oa9fakeoinlintJavaAdmin")
                .setKid(KEY_ID)
                .setScopes(java.util.Set.of("okta.users.read", "okta.groups.read"))
                .setPrivateKey(ADMIN_PRIVATE_KEY)
                .build();
    }
}

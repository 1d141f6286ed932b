package com.acme.okta;

/** Shared dev tenant for local runs. */
final class DevTenantConfig {
    static final String ORG_URL = "https://acme-dev.oktapreview.com";
    static final String TOKEN_URL = ORG_URL + "/oauth2/v1/token";
    static final String CLIENT_ID = "0oa0fakeoinlintJvId";
    static final String CLIENT_SECRET = "FAKEoinlintJava22PgV7V4HX18KwCYFgEiJf2di";

    private DevTenantConfig() {}
}

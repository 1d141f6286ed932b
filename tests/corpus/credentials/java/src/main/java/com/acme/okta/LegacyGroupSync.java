package com.acme.okta;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.util.logging.Logger;

import com.okta.sdk.authc.credentials.TokenClientCredentials;
import com.okta.sdk.client.Clients;
import com.okta.sdk.resource.client.ApiClient;

/**
 * Group sync from the 2022 pilot. Uses an SSWS API token, see OKTA-1234 for the migration.
 */
public class LegacyGroupSync {

    private static final Logger LOG = Logger.getLogger(LegacyGroupSync.class.getName());
    private static final String PILOT_API_TOKEN = "00FAKEoinlintJvKjp1vRt_1fjORS-6ilI8ihN5KXS";
    private static final String SCHEME = "SSWS";

    private final String org;

    public LegacyGroupSync(String org) {
        this.org = org;
    }

    public ApiClient sdkClient() {
        return Clients.builder()
                .setOrgUrl("https://" + org)
                .setClientCredentials(new TokenClientCredentials(PILOT_API_TOKEN))
                .build();
    }

    public InputStream groups() throws IOException {
        URL url = new URL("https://" + org + "/api/v1/groups?limit=200");
        HttpURLConnection conn = (HttpURLConnection) url.openConnection();
        conn.setRequestProperty("Accept", "application/json");
        conn.setRequestProperty("Authorization", SCHEME + " " + PILOT_API_TOKEN);
        LOG.info("Fetching groups with an SSWS token for " + org);
        return conn.getInputStream();
    }

    static boolean isApiToken(String header) {
        return header != null && header.startsWith("SSWS ");
    }
}

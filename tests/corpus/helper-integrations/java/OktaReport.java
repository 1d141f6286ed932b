import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

public class OktaReport {
    private final HttpClient http = HttpClient.newHttpClient();
    private final String orgUrl;
    private String token;

    OktaReport(String orgUrl) { this.orgUrl = orgUrl; }

    String fetchToken() throws Exception {
        String form = "grant_type=client_credentials&scope=okta.users.read%20okta.groups.read";
        HttpRequest req = HttpRequest.newBuilder(URI.create(orgUrl + "/oauth2/v1/token"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    String getJson(String path) throws Exception {
        HttpRequest req = HttpRequest.newBuilder(URI.create(orgUrl + path))
            .header("Authorization", "Bearer " + token).GET().build();
        return http.send(req, HttpResponse.BodyHandlers.ofString()).body();
    }

    void report() throws Exception {
        token = fetchToken();
        System.out.println(getJson("/api/v1/users").length());
        System.out.println(getJson("/api/v1/groups").length());
    }
}

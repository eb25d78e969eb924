package cn.relief.app.reports;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A partner hotline calling {@code POST /api/partner/reports} with HTTP basic credentials (none if null). */
public final class PartnerApi {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private PartnerApi() {}

  public static HttpResponse<String> report(int port, String username, String password, String json) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/partner/reports"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
    if (username != null) {
      request.header("Authorization", basic(username, password));
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  public static String basic(String username, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }
}

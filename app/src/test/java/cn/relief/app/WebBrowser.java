package cn.relief.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser session against the app for the web tests: keeps its cookies, follows no redirects. */
public final class WebBrowser {
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final int port;
  private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

  public WebBrowser(int port) {
    this.port = port;
  }

  /** A page, accepting HTML as a browser does (errors come as the error pages, not as JSON). */
  public HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,*/*;q=0.8").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  public HttpResponse<byte[]> getBytes(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  public HttpResponse<String> post(String path, String form) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
        .header("Accept", "text/html,*/*;q=0.8")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts JSON as the pages' scripts do: with the CSRF token (of a page of this session) in its header. */
  public HttpResponse<String> postJson(String path, String json, String csrfToken) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .header("Accept", "application/json").header("X-CSRF-TOKEN", csrfToken)
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Any request, with this browser's cookies. */
  public HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Posts the login form with the CSRF token of the login page. */
  public HttpResponse<String> logIn(String username, String password) throws Exception {
    String token = csrf(get("/login").body());
    return post("/login", "username=" + enc(username) + "&password=" + enc(password) + "&_csrf=" + enc(token));
  }

  public static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  public static String csrf(String page) {
    Matcher matcher = CSRF.matcher(page);
    assertThat(matcher.find()).as("a CSRF token on the page").isTrue();
    return matcher.group(1);
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}

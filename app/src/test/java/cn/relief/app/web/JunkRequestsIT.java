package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Bad input on the web application (E8): every page and endpoint of the app, found in its handler
 * mapping so that new ones are covered too, called by users who may open it with junk in its path
 * variables, query parameters and bodies. Each answer is a refusal or a page, never a server error
 * or a stack trace, and the app still serves its pages afterwards.
 */
@AppIT
class JunkRequestsIT {
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{[^}]+}");
  private static final Pattern CSRF_META = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\"");
  /** Path variable values: wrong types, overflow, traversal, markup, NUL, invalid UTF-8, long. */
  private static final List<String> JUNK_SEGMENTS = List.of("-1", "9223372036854775808", "abc", "%00",
      "..%2F..%2Fetc%2Fpasswd", "%3Cscript%3Ealert(1)%3C%2Fscript%3E", "%FF%FE", "x".repeat(3000));
  private static final String JUNK_QUERY = "?page=-1&size=abc&from=junk&to=2026-13-45&state=%00&q=%27%22%3C%3E"
      + "&lang=xx&version=abc&left=-5&right=9223372036854775808&processId=..%2F&status=%FF&sort=%3B";
  private static final List<String> JUNK_FORMS = List.of("", "username=%00&password=&role=nobody&organisationId=..%2Fx",
      "targetVersion=abc&mapping=%3Cscript%3E&name=" + "y".repeat(5000), "a=1&a=2&a=3&retries=-7&retries=abc");
  private static final List<String> JUNK_JSON = List.of("", "{}", "[]", "null", "\"x\"", "{\"a\":", "{\"variables\": 5}",
      "{\"xml\": 7, \"name\": [1]}", "{\"resourceName\": \"../../etc/passwd\", \"xml\": \"<!DOCTYPE x [<!ENTITY e SYSTEM"
          + " 'file:///etc/passwd'>]><x>&e;</x>\"}", "{\"fields\": {\"idNumber\": {\"$gt\": 1}}}");
  /** Users between whom every page has someone allowed to open it. */
  private static final List<String> USERS = List.of("admin", "li.caseworker", "zhang.policy", "sun.auditor");
  /** Not called: starting a case takes no input (any post starts one), and logging out ends the session. */
  private static final Set<String> LEFT_OUT = Set.of("POST /cases", "GET /logout", "POST /logout");

  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  @Test
  void noJunkInAnyRequestOfAnyPageGetsAServerError() throws Exception {
    Map<String, Session> sessions = new LinkedHashMap<>();
    for (String user : USERS) {
      sessions.put(user, Session.loggedIn(port, user));
    }
    Map<String, String> serverErrors = new LinkedHashMap<>(); // one example per endpoint and status
    int requests = 0;
    int endpoints = 0;
    for (var entry : mappings.getHandlerMethods().entrySet()) {
      Set<String> patterns = entry.getKey().getPatternValues();
      Set<RequestMethod> methods = entry.getKey().getMethodsCondition().getMethods();
      for (String pattern : patterns) {
        for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          // the engine's own API (/v2) answers Basic authentication, not sessions: the engine's
          // RequestShapesIT sends it junk
          if (LEFT_OUT.contains(method + " " + pattern) || pattern.startsWith("/error") || pattern.startsWith("/v2/")) {
            continue;
          }
          endpoints++;
          for (String path : junkPaths(pattern)) {
            for (Session session : sessions.values()) {
              for (HttpRequest request : session.junkRequests(method, path)) {
                HttpResponse<String> response = session.send(request);
                requests++;
                if (response.statusCode() >= 500 || response.body().contains("at cn.relief.")
                    || response.body().contains("Whitelabel Error Page")) {
                  serverErrors.putIfAbsent(method + " " + pattern + " " + response.statusCode(), session.user + " "
                      + abbreviate(request.uri().toString()) + " -> " + abbreviate(response.body()));
                }
              }
            }
          }
        }
      }
    }
    System.out.printf("JunkRequestsIT: %d endpoints, %d junk requests as %d users, %d server errors%n", endpoints,
        requests, USERS.size(), serverErrors.size());
    assertThat(serverErrors).as("server errors or fallback error pages, by endpoint").isEmpty();
    assertThat(endpoints).isGreaterThan(30);
    // refusals are the app's own page in the reader's language, and the app still serves its pages
    Session caseworker = sessions.get("li.caseworker");
    HttpResponse<String> refused = caseworker.send(caseworker.get("/tasks/abc?lang=en"));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("id=\"bad-request\"", "The request could not be handled", "status 400");
    assertThat(caseworker.send(caseworker.get("/tasks")).statusCode()).isEqualTo(200);
  }

  private static List<String> junkPaths(String pattern) {
    if (!PATH_VARIABLE.matcher(pattern).find()) {
      return List.of(pattern);
    }
    return JUNK_SEGMENTS.stream().map(junk -> PATH_VARIABLE.matcher(pattern).replaceAll(Matcher.quoteReplacement(junk)))
        .toList();
  }

  private static String abbreviate(String text) {
    String line = text.replaceAll("\\s+", " ");
    return line.length() > 200 ? line.substring(0, 200) + "…" : line;
  }

  /** One logged-in user's cookie session with the CSRF token of its pages. */
  private record Session(String user, int port, HttpClient http, String csrf) {
    static Session loggedIn(int port, String user) throws Exception {
      HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
      Session anonymous = new Session(user, port, http, null);
      String loginPage = anonymous.send(anonymous.get("/login")).body();
      Matcher token = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"").matcher(loginPage);
      assertThat(token.find()).isTrue();
      HttpResponse<String> login = anonymous.send(HttpRequest.newBuilder(anonymous.uri("/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString("username=" + user + "&password=demo-2026&_csrf=" + token.group(1)))
          .build());
      assertThat(login.headers().firstValue("Location").orElse("")).as(user + " logged in").doesNotContain("error");
      Matcher csrf = CSRF_META.matcher(anonymous.send(anonymous.get("/")).body());
      assertThat(csrf.find()).as("a CSRF token on the home page").isTrue();
      return new Session(user, port, http, csrf.group(1));
    }

    List<HttpRequest> junkRequests(RequestMethod method, String path) {
      if (method == RequestMethod.GET) {
        return List.of(get(path), get(path + JUNK_QUERY));
      }
      List<HttpRequest> requests = new ArrayList<>();
      for (String form : JUNK_FORMS) {
        requests.add(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
            .header("Accept", "text/html,*/*;q=0.8").header("X-CSRF-TOKEN", csrf)
            .method(method.name(), HttpRequest.BodyPublishers.ofString(form)).build());
      }
      for (String json : JUNK_JSON) {
        requests.add(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
            .header("Accept", "application/json").header("X-CSRF-TOKEN", csrf)
            .method(method.name(), HttpRequest.BodyPublishers.ofString(json)).build());
      }
      return requests;
    }

    HttpRequest get(String path) {
      return HttpRequest.newBuilder(uri(path)).header("Accept", "text/html,*/*;q=0.8").build();
    }

    HttpResponse<String> send(HttpRequest request) throws Exception {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    URI uri(String path) {
      return URI.create("http://localhost:" + port + path);
    }
  }
}

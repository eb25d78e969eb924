package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Each page by role: the navigation offers only what a role may open, the rest is a 403 page, not
 * a blank one; and the whole matrix: every endpoint of the handler mapping, every static file and
 * the actuator's paths, for anonymous callers and each demo user, against a table written by hand.
 */
@AppIT
class PageAccessIT {
  @LocalServerPort int port;
  @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

  private static final String PASSWORD = "demo-2026";
  private static final List<String> STAFF = List.of("zhang.policy", "li.caseworker", "chen.caseworker",
      "wang.head", "zhao.centre", "sun.auditor", "admin");
  /** A partner hotline's account: the partner API only (basic credentials), nothing of the pages. */
  private static final String PARTNER = "hotline.110";
  private static final List<String> USERS = Stream.concat(STAFF.stream(), Stream.of(PARTNER))
      .toList();
  private static final Set<String> CASE_STAFF = Set.of("li.caseworker", "chen.caseworker", "wang.head",
      "zhao.centre", "admin");
  private static final Set<String> EVERYONE = Set.copyOf(STAFF);
  /**
   * Public: reachable without logging in (house rule: the login page, the health check and the
   * public report page).
   */
  private static final Set<String> PUBLIC = null;

  /**
   * Who may open each endpoint ("METHOD pattern" as the handler mapping names it); a
   * {@code null} set means public. Everyone else logged in gets 403, anonymous callers the login.
   */
  private static final Map<String, Set<String>> PAGES = new LinkedHashMap<>();

  static {
    PAGES.put("GET /login", PUBLIC); // the login page itself
    PAGES.put("* /error", PUBLIC); // the error page a refused or failed request is rendered with
    PAGES.put("GET /", EVERYONE);
    // the public report page: write-only, rate-limited (DiscoveryReportsIT)
    PAGES.put("GET /report", PUBLIC);
    PAGES.put("POST /report", PUBLIC);
    PAGES.put("GET /report/received", PUBLIC);
    PAGES.put("GET /dashboard", EVERYONE);
    for (String page : List.of("GET /models", "GET /models/process/{processId}/edit",
        "GET /models/process/{processId}/xml", "GET /models/decision/{decisionId}/edit",
        "GET /models/decision/{decisionId}/xml", "GET /models/form/{formId}/edit", "GET /models/form/{formId}/schema",
        "POST /models/validation", "POST /models/deployment", "GET /models/process/{processId}/compare",
        "GET /models/process/{processId}/migration", "POST /models/process/{processId}/migration")) {
      PAGES.put(page, Set.of("zhang.policy", "admin"));
    }
    for (String page : List.of("GET /tasks", "GET /tasks/{key}", "POST /tasks/{key}/assignment",
        "POST /tasks/{key}/unassignment", "POST /tasks/{key}/completion")) {
      PAGES.put(page, CASE_STAFF);
    }
    PAGES.put("POST /patrol/checkins", CASE_STAFF);
    // patrol areas: everyone of the case staff reads them; a station head plans their station's, the
    // centre and administrators every station's (PatrolRoundsIT); an unknown area is a 404 to all
    PAGES.put("GET /patrol/areas", CASE_STAFF);
    PAGES.put("POST /patrol/areas", Set.of("wang.head", "zhao.centre", "admin"));
    for (String page : List.of("POST /patrol/areas/{id}/plans", "POST /patrol/areas/{id}/plans/{planId}/end",
        "POST /patrol/areas/{id}/rounds")) {
      PAGES.put(page, CASE_STAFF);
    }
    // rounds are worked by the members of patrol teams (the demo's: li.caseworker, chen.caseworker)
    for (String page : List.of("POST /patrol/rounds/{id}/start", "POST /patrol/rounds/{id}/findings",
        "POST /patrol/rounds/{id}/finish")) {
      PAGES.put(page, Set.of("li.caseworker", "chen.caseworker"));
    }
    // only station heads, the centre and administrators raise weather alerts (DispatchBoardIT)
    PAGES.put("POST /dispatch/alerts", Set.of("wang.head", "zhao.centre", "admin"));
    for (String page : List.of("GET /dispatch", "GET /dispatch/board.json", "POST /dispatch/reports/{reference}/assignment",
        "GET /dispatch/reports/{reference}/photo", "GET /dispatch/reports/{reference}/sightings/{sighting}/photo",
        "GET /patrol", "POST /patrol/position",
        "POST /patrol/reports/{reference}/arrival", "POST /patrol/reports/{reference}/outcome",
        "GET /patrol/reports/{reference}/photo")) {
      PAGES.put(page, CASE_STAFF);
    }
    for (String page : List.of("GET /analysis", "GET /analysis/export.csv")) {
      PAGES.put(page, Set.of("wang.head", "zhao.centre", "sun.auditor", "zhang.policy", "admin"));
    }
    PAGES.put("GET /resources", CASE_STAFF);
    // only the centre and administrators report any station; a head their own (ResourcesIT)
    PAGES.put("POST /resources/{stationId}", Set.of("zhao.centre", "admin"));
    PAGES.put("GET /cases/{reference}/placement", union(CASE_STAFF, Set.of("sun.auditor")));
    PAGES.put("GET /key-persons", union(CASE_STAFF, Set.of("sun.auditor")));
    PAGES.put("POST /key-persons", CASE_STAFF);
    PAGES.put("GET /cases/{reference}/key-persons", union(CASE_STAFF, Set.of("sun.auditor")));
    PAGES.put("POST /cases/{reference}/key-persons/{id}", union(CASE_STAFF, Set.of("sun.auditor")));
    // the auditor reads cases; only caseworkers, station heads and administrators start them
    for (String page : List.of("GET /cases", "GET /cases/{reference}", "GET /cases/{reference}/document")) {
      PAGES.put(page, union(CASE_STAFF, Set.of("sun.auditor")));
    }
    PAGES.put("POST /cases", Set.of("li.caseworker", "chen.caseworker", "wang.head", "admin"));
    for (String page : List.of("GET /audit", "GET /audit/cases/{key}", "GET /audit/cases/{key}/diagram",
        "GET /audit/cases/{key}/export.csv", "GET /audit/cases/{key}/export.pdf")) {
      PAGES.put(page, Set.of("sun.auditor", "admin"));
    }
    for (String page : List.of("GET /operations", "POST /operations/incidents/{incidentKey}/retry")) {
      PAGES.put(page, Set.of("wang.head", "admin"));
    }
    for (String page : List.of("GET /admin/users", "POST /admin/users", "GET /admin/users/{username}",
        "POST /admin/users/{username}")) {
      PAGES.put(page, Set.of("admin"));
    }
  }

  /** Static files open to anonymous callers: what the login page needs. The rest needs a login. */
  private static final Set<String> PUBLIC_FILES = Set.of("/login.css", "/app.css", "/css/report.css", "/css/region-map.css", "/js/report.js",
      "/js/region-map.js", "/geo/guangdong.geojson");
  /**
   * The actuator: only health is exposed (and public); the others must not answer anyone. Its
   * discovery page {@code /actuator} answers those logged in, listing only health.
   */
  private static final List<String> ACTUATOR_HIDDEN = List.of("/actuator/env", "/actuator/beans",
      "/actuator/configprops", "/actuator/heapdump", "/actuator/loggers", "/actuator/mappings", "/actuator/info");
  /** Called only by those refused: for those allowed they start a real case (CasePagesIT does). */
  private static final Set<String> REFUSAL_ONLY = Set.of("POST /cases");
  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}]+)}");

  @Test
  void aCaseworkerIsRefusedTheAuditModelsAndUsersPagesWithA403Page() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn("li.caseworker", "demo-2026");
    HttpResponse<String> home = browser.get("/");
    assertThat(home.body()).contains("id=\"nav-tasks\"", "id=\"nav-cases\"").doesNotContain("id=\"nav-audit\"",
        "id=\"nav-models\"", "id=\"nav-users\"");
    for (String page : new String[] {"/audit", "/models", "/admin/users", "/operations"}) {
      HttpResponse<String> refused = browser.get(page);
      assertThat(refused.statusCode()).as(page).isEqualTo(403);
      assertThat(refused.body()).as(page).contains("id=\"forbidden\"", "无权访问", "李社工");
    }
  }

  @Test
  void policyStaffSeeModelsButNoCasesAuditorsNoModels() throws Exception {
    WebBrowser policy = new WebBrowser(port);
    policy.logIn("zhang.policy", "demo-2026");
    assertThat(policy.get("/").body()).contains("id=\"nav-models\"").doesNotContain("id=\"nav-cases\"");
    assertThat(policy.get("/cases").statusCode()).isEqualTo(403);
    WebBrowser auditor = new WebBrowser(port);
    auditor.logIn("sun.auditor", "demo-2026");
    assertThat(auditor.get("/").body()).contains("id=\"nav-audit\"", "id=\"nav-cases\"");
    assertThat(auditor.get("/models").statusCode()).isEqualTo(403);
    assertThat(auditor.get("/tasks").statusCode()).isEqualTo(403);
  }

  @Test
  void everyEndpointStaticFileAndActuatorPathAnswersEveryRoleAsTheTableSays() throws Exception {
    TreeSet<String> endpoints = new TreeSet<>();
    TreeSet<String> engineApi = new TreeSet<>();
    for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
      List<String> methods = info.getMethodsCondition().getMethods().stream().map(Enum::name).toList();
      for (String pattern : info.getPatternValues()) {
        for (String method : methods.isEmpty() ? List.of("*") : methods) {
          // the engine's API and the partner API take basic credentials per request, never a session
          (pattern.startsWith("/v2/") || pattern.startsWith("/api/partner/") ? engineApi : endpoints)
              .add(method + " " + pattern);
        }
      }
    }
    assertThat(endpoints).as("pages the table does not name").allMatch(PAGES::containsKey);
    assertThat(PAGES.keySet()).as("table rows without a page").isSubsetOf(endpoints);
    List<String> files = new ArrayList<>();
    for (Resource file : new PathMatchingResourcePatternResolver().getResources("classpath:static/**/*")) {
      String url = file.getURL().toString();
      if (file.isReadable() && !url.endsWith("/")) {
        files.add(url.substring(url.lastIndexOf("/static/") + "/static".length()));
      }
    }
    assertThat(files).as("static files").contains("/app.css", "/vendor/bpmn-js/LICENSE");

    List<String> failures = new ArrayList<>();
    List<String> callers = new ArrayList<>(USERS);
    callers.add(0, null);
    long started = System.nanoTime();
    int calls = 0;
    for (String user : callers) {
      WebBrowser browser = new WebBrowser(port);
      if (user != null) {
        assertThat(browser.logIn(user, PASSWORD).headers().firstValue("Location")).as(user).hasValueSatisfying(
            location -> assertThat(location).doesNotContain("error"));
      }
      String csrf = WebBrowser.csrf(browser.get(user == null ? "/login" : "/").body());
      String who = user == null ? "anonymous" : user;
      for (String endpoint : endpoints) {
        Set<String> allowed = PAGES.get(endpoint);
        boolean admitted = allowed == null || user != null && allowed.contains(user);
        if (admitted && user != null && REFUSAL_ONLY.contains(endpoint)) {
          continue;
        }
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1));
        HttpResponse<String> response = method.equals("POST")
            ? (path.endsWith("/completion") || path.startsWith("/models/") && !path.endsWith("/migration")
                ? browser.postJson(path, "{}", csrf) : browser.post(path, "_csrf=" + WebBrowser.enc(csrf)))
            : browser.get(path);
        calls++;
        expect(failures, who, endpoint, response, allowed == null ? Answer.PUBLIC
            : user == null ? Answer.LOGIN : admitted ? Answer.ADMITTED : Answer.FORBIDDEN);
      }
      boolean partner = PARTNER.equals(user);
      for (String file : files) {
        calls++;
        expect(failures, who, "GET " + file, browser.get(file),
            PUBLIC_FILES.contains(file) ? Answer.PUBLIC : user == null ? Answer.LOGIN
                : partner ? Answer.FORBIDDEN : Answer.ADMITTED);
      }
      for (String actuator : ACTUATOR_HIDDEN) {
        calls++;
        expect(failures, who, "GET " + actuator, browser.get(actuator), user == null ? Answer.LOGIN
            : partner ? Answer.FORBIDDEN : Answer.ABSENT);
      }
      calls += 2;
      expect(failures, who, "GET /actuator/health", browser.get("/actuator/health"), Answer.PUBLIC);
      expect(failures, who, "GET /actuator", browser.get("/actuator"), user == null ? Answer.LOGIN
          : partner ? Answer.FORBIDDEN : Answer.ADMITTED);
      // the engine's API takes HTTP basic credentials per request, never the page session
      for (String endpoint : engineApi) {
        String path = fill(endpoint.substring(endpoint.indexOf(' ') + 1));
        String method = endpoint.substring(0, endpoint.indexOf(' '));
        if (!method.equals("GET") && !method.equals("POST")) {
          continue; // the session's browser sends only these two; SecurityMatrixIT in the engine does all
        }
        HttpResponse<String> response = method.equals("POST") ? browser.postJson(path, "{}", csrf) : browser.get(path);
        calls++;
        if (response.statusCode() != 401) {
          failures.add(who + " -> " + endpoint + ": expected 401 (basic credentials only), got "
              + response.statusCode());
        }
      }
    }
    System.out.printf("PageAccessIT matrix: %d pages + %d static files + %d actuator paths + %d engine API"
            + " endpoints x %d callers = %d calls in %d ms%n", endpoints.size(), files.size(), ACTUATOR_HIDDEN.size() + 2,
        engineApi.size(), callers.size(), calls, (System.nanoTime() - started) / 1_000_000);
    assertThat(failures).isEmpty();
  }

  private enum Answer { PUBLIC, LOGIN, ADMITTED, FORBIDDEN, ABSENT }

  private static void expect(List<String> failures, String who, String endpoint, HttpResponse<String> response,
      Answer answer) {
    int status = response.statusCode();
    boolean toLogin = status == 302 && response.headers().firstValue("Location").orElse("").endsWith("/login");
    boolean met = switch (answer) {
      case PUBLIC, ADMITTED -> status != 401 && status != 403 && !toLogin;
      case LOGIN -> toLogin;
      case FORBIDDEN -> status == 403;
      case ABSENT -> status == 404;
    };
    if (!met) {
      failures.add(who + " -> " + endpoint + ": expected " + answer + ", got " + status + " "
          + response.headers().firstValue("Location").orElse(""));
    }
  }

  private static String fill(String pattern) {
    Matcher matcher = PATH_VARIABLE.matcher(pattern);
    StringBuilder path = new StringBuilder();
    while (matcher.find()) {
      // a key no record will ever have: a small one may by now be another station's task (403)
      matcher.appendReplacement(path, matcher.group(1).equals("username") ? "no-such-user" : String.valueOf(Long.MAX_VALUE));
    }
    return matcher.appendTail(path).toString();
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }

  @Test
  void theLoginPageTellsAnEngineThatDidNotAnswerFromAWrongPassword() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    assertThat(browser.get("/login?unavailable").body()).contains("id=\"login-unavailable\"", "未校验密码")
        .doesNotContain("用户名或密码错误");
  }

  @Test
  void anUnknownPageIsA404PageInEnglishOnRequest() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    browser.logIn("chen.caseworker", "demo-2026");
    HttpResponse<String> missing = browser.get("/no-such-page?lang=en");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("id=\"not-found\"", "Not found", "陈社工");
  }
}

package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Endpoints of the app that take a file or resource name (static and vendor files, documents,
 * model XML and schemas, exports, deployments) serve nothing outside their place, however the
 * name climbs out: dot segments plain or percent-encoded, backslashes, absolute paths, NUL.
 */
@AppIT
class PathTraversalIT {
  /** What the files a traversal would reach contain. */
  private static final List<String> OUTSIDE = List.of("root:x:0:0", "relief.demo.password", "spring.application.name",
      "<project", "Copyright");

  @LocalServerPort int port;

  @Test
  void noFileOrResourceNameReachesOutsideItsPlace() throws Exception {
    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    List<String> climbs = List.of("../../../../../../etc/passwd", "..%2f..%2f..%2f..%2fetc%2fpasswd",
        "%2e%2e/%2e%2e/%2e%2e/etc/passwd", "..%5c..%5c..%5capplication.properties", "%2fetc%2fpasswd",
        "..;/..;/application.properties", "application.properties%00.css", "..%252f..%252fapplication.properties",
        "/../../pom.xml", "file:/etc/passwd");
    List<String> prefixes = List.of("/vendor/", "/vendor/bpmn-js/", "/css/", "/js/", "/",
        "/models/process/", "/models/decision/", "/models/form/", "/audit/cases/", "/cases/1/document?id=");
    List<String> suffixes = List.of("", "/xml", "/schema", "/export.csv");
    List<String> problems = new ArrayList<>();
    int requests = 0;
    for (String prefix : prefixes) {
      for (String climb : climbs) {
        for (String suffix : prefix.startsWith("/models/") || prefix.startsWith("/audit/") ? suffixes : List.of("")) {
          String path = prefix + climb + suffix;
          HttpResponse<String> response;
          try {
            response = admin.get(path);
          } catch (IllegalArgumentException unsendable) {
            continue; // not even a URI: no browser sends it
          }
          requests++;
          String body = response.body() == null ? "" : response.body();
          if (response.statusCode() == 200 && OUTSIDE.stream().anyMatch(body::contains)) {
            problems.add(path + " served a file from outside its place");
          }
          if (response.statusCode() >= 500) {
            problems.add(path + " failed with " + response.statusCode());
          }
        }
      }
    }
    // deployments through the Models page name their resource: a path is refused
    String csrf = WebBrowser.csrf(admin.get("/").body());
    for (String name : List.of("../../x.bpmn", "..\\x.bpmn", "/tmp/x.bpmn", "x\u0000.bpmn", "a/b.bpmn")) {
      for (String endpoint : List.of("/models/validation", "/models/deployment")) {
        HttpResponse<String> response = admin.postJson(endpoint, "{\"resourceName\":\"" + name.replace("\\", "\\\\")
            .replace("\u0000", "\\u0000") + "\",\"content\":\"<x/>\"}", csrf);
        requests++;
        if (response.statusCode() != 400 && response.statusCode() != 422) {
          problems.add(endpoint + " took resource name " + name + ": " + response.statusCode() + " " + response.body());
        }
      }
    }
    System.out.printf("PathTraversalIT: %d requests with names climbing out of their place%n", requests);
    assertThat(problems).isEmpty();
  }
}

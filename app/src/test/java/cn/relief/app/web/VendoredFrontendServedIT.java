package cn.relief.app.web;

import cn.relief.app.AppIT;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The app serves the vendored bpmn.io files under /vendor/ (shares ReliefApplicationIT's context). */
@AppIT
class VendoredFrontendServedIT {
  @LocalServerPort int port;

  private cn.relief.app.WebBrowser browser;

  /** The bundles are served to logged-in users only (every page but the login page needs a login). */
  private HttpResponse<byte[]> get(String path) throws Exception {
    if (browser == null) {
      browser = new cn.relief.app.WebBrowser(port);
      assertThat(browser.logIn("zhao.centre", "demo-2026").headers().firstValue("Location")).hasValueSatisfying(
          location -> assertThat(location).doesNotContain("error"));
    }
    return browser.getBytes(path);
  }

  @Test
  void anonymousRequestsAreSentToTheLoginPage() throws Exception {
    HttpResponse<byte[]> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
        URI.create("http://localhost:" + port + "/vendor/bpmn-js/LICENSE")).build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
  }

  @Test
  void theBundlesStylesAndFontsAreServedWithTheirContentTypes() throws Exception {
    String[][] served = {
        {"/vendor/bpmn-js/bpmn-modeler.production.min.js", "javascript"},
        {"/vendor/bpmn-js/bpmn-navigated-viewer.production.min.js", "javascript"},
        {"/vendor/bpmn-js/assets/bpmn-js.css", "text/css"},
        {"/vendor/bpmn-js/assets/bpmn-font/font/bpmn.woff2", "font/woff2"},
        {"/vendor/dmn-js/dmn-modeler.production.min.js", "javascript"},
        {"/vendor/dmn-js/dmn-viewer.production.min.js", "javascript"},
        {"/vendor/form-js/form-viewer.umd.js", "javascript"},
        {"/vendor/form-js/form-editor.umd.js", "javascript"},
        {"/vendor/form-js/assets/form-js.css", "text/css"},
        {"/vendor/zeebe-bpmn-moddle/zeebe.json", "application/json"}};
    for (String[] file : served) {
      HttpResponse<byte[]> response = get(file[0]);
      assertThat(response.statusCode()).as(file[0]).isEqualTo(200);
      assertThat(response.body()).as(file[0]).isNotEmpty();
      assertThat(response.headers().firstValue("Content-Type")).as(file[0]).hasValueSatisfying(
          type -> assertThat(type).contains(file[1]));
    }
  }

  @Test
  void theLicencesAreServedToo() throws Exception {
    for (String folder : new String[] {"bpmn-js", "dmn-js", "form-js", "zeebe-bpmn-moddle"}) {
      HttpResponse<byte[]> response = get("/vendor/" + folder + "/LICENSE");
      assertThat(response.statusCode()).as(folder).isEqualTo(200);
      assertThat(new String(response.body())).as(folder).contains("Permission is hereby granted");
    }
  }
}

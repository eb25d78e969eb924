package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each page by role: the navigation offers only what a role may open, the rest is a 403 page, not a blank one. */
@AppIT
class PageAccessIT {
  @LocalServerPort int port;

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

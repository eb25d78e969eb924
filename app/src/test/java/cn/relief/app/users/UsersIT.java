package cn.relief.app.users;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The administrator creates and changes users in the engine's identity; they log in with what was set. */
@AppIT
class UsersIT {
  @LocalServerPort int port;

  @Test
  void anAdministratorCreatesAUserWhoLogsInWithTheRoleAndThenChangesIt() throws Exception {
    String username = "zhou.ops" + (System.nanoTime() % 100_000);
    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    HttpResponse<String> list = admin.get("/admin/users");
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("li.caseworker", "王站长", "广州市天河区救助管理站");

    HttpResponse<String> created = admin.post("/admin/users", form(username, "周站长", "short", "STATION_HEAD",
        "org-station-baiyun", WebBrowser.csrf(list.body())));
    assertThat(created.statusCode()).as("too short a password").isEqualTo(400);
    assertThat(created.body()).contains("id=\"error-password\"", "至少8个字符").doesNotContain("id=\"error-username\"");

    created = admin.post("/admin/users", form(username, "周站长", "zhou-2026-pw", "STATION_HEAD",
        "org-station-baiyun", WebBrowser.csrf(created.body())));
    assertThat(created.statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/users").body()).contains("id=\"user-created\"", username);

    WebBrowser zhou = new WebBrowser(port);
    assertThat(zhou.logIn(username, "zhou-2026-pw").headers().firstValue("Location").orElse("")).doesNotContain("error");
    assertThat(zhou.get("/").body()).contains("data-role=\"ROLE_STATION_HEAD\"", "广州市白云区救助管理站");

    HttpResponse<String> again = admin.post("/admin/users", form(username, "又一个", "zhou-2026-pw", "CASEWORKER",
        "org-station-baiyun", WebBrowser.csrf(admin.get("/admin/users").body())));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("id=\"error-username\"", "该用户名已存在");

    HttpResponse<String> edit = admin.get("/admin/users/" + username);
    assertThat(edit.statusCode()).isEqualTo(200);
    assertThat(edit.body()).contains("周站长", username + "@relief.example");
    HttpResponse<String> changed = admin.post("/admin/users/" + username, "name=" + WebBrowser.enc("周社工")
        + "&email=" + WebBrowser.enc(username + "@relief.example") + "&password=new-pass-2026&role=CASEWORKER"
        + "&organisation=org-station-tianhe&_csrf=" + WebBrowser.enc(WebBrowser.csrf(edit.body())));
    assertThat(changed.statusCode()).isEqualTo(302);
    // the station head's session, opened before the change, is over: the old role does not linger
    assertThat(zhou.get("/").statusCode()).isEqualTo(302);

    WebBrowser again2 = new WebBrowser(port);
    assertThat(again2.logIn(username, "zhou-2026-pw").headers().firstValue("Location").orElse("")).contains("error");
    again2.logIn(username, "new-pass-2026");
    assertThat(again2.get("/").body()).contains("data-role=\"ROLE_CASEWORKER\"", "广州市天河区救助管理站")
        .doesNotContain("ROLE_STATION_HEAD");
  }

  @Test
  void theApplicationsAccountAndTheAdministratorsOwnRoleAreNotChangedHere() throws Exception {
    WebBrowser admin = new WebBrowser(port);
    admin.logIn("admin", "demo-2026");
    for (String username : new String[] {"demo", "admin"}) {
      HttpResponse<String> edit = admin.get("/admin/users/" + username);
      HttpResponse<String> refused = admin.post("/admin/users/" + username, "name=" + WebBrowser.enc("某人")
          + "&email=" + WebBrowser.enc(username + "@relief.example") + "&password=&role=AUDITOR"
          + "&organisation=org-city-guangzhou&_csrf=" + WebBrowser.enc(WebBrowser.csrf(edit.body())));
      assertThat(refused.statusCode()).as(username).isEqualTo(400);
      assertThat(refused.body()).as(username).contains("id=\"error-role\"");
    }
    // the application still works: a caseworker logs in (the app's own account kept its role)
    WebBrowser caseworker = new WebBrowser(port);
    assertThat(caseworker.logIn("li.caseworker", "demo-2026").headers().firstValue("Location").orElse(""))
        .doesNotContain("error");
  }

  @Test
  void nonAdministratorsAreRefused() throws Exception {
    WebBrowser head = new WebBrowser(port);
    head.logIn("wang.head", "demo-2026");
    assertThat(head.get("/admin/users").statusCode()).isEqualTo(403);
    String token = WebBrowser.csrf(head.get("/").body());
    assertThat(head.post("/admin/users", form("sneaky", "x", "password-1", "ADMIN", "org-station-tianhe", token))
        .statusCode()).isEqualTo(403);
  }

  private static String form(String username, String name, String password, String role, String organisation,
      String csrf) {
    return "username=" + WebBrowser.enc(username) + "&name=" + WebBrowser.enc(name) + "&email="
        + WebBrowser.enc(username + "@relief.example") + "&password=" + WebBrowser.enc(password) + "&role=" + role
        + "&organisation=" + organisation + "&_csrf=" + WebBrowser.enc(csrf);
  }
}

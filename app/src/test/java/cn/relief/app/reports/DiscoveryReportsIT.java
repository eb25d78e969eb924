package cn.relief.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.AppIT;
import cn.relief.app.WebBrowser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Discovery reports end to end: the public page (no login, write-only, limited), the partner API
 * (partner accounts only), a later sighting joining the first report's process, and bad input
 * refused with nothing stored. Each test reports from its own city so that they do not link.
 */
@AppIT
class DiscoveryReportsIT {
  private static final Pattern REFERENCE = Pattern.compile("FX-\\d{8}-\\d{6}");

  @LocalServerPort int port;
  @Autowired CamundaClient client;
  @Autowired ReportStore store;
  @Autowired JdbcTemplate jdbc;
  @Autowired ReportsProperties properties;
  @Autowired ReportProcesses processes;

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void anyoneReportsOnThePublicPageAndTheReportStartsItsProcess() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    HttpResponse<String> page = browser.get("/report");
    assertThat(page.statusCode()).as("open without login").isEqualTo(200);
    assertThat(page.body()).contains("报告需要救助的人员", "report-map");
    assertThat(browser.getBytes("/geo/guangdong.geojson").statusCode()).isEqualTo(200);

    // Foshan, Zumiao
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F', 0, 1};
    MultipartForm form = report(WebBrowser.csrf(page.body()), "23.0340", "113.1080", "祖庙路地铁站C出口",
        "中年男子躺在地上，叫不醒").field("needsMedicalCare", "true").field("reporterPhone", "13800000000")
        .file("photo", "photo.jpg", "image/jpeg", jpeg);
    HttpResponse<String> sent = postMultipart(browser, form);
    assertThat(sent.statusCode()).as(sent.body()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/report/received"));
    String received = browser.get("/report/received").body();
    Matcher reference = REFERENCE.matcher(received);
    assertThat(reference.find()).as(received).isTrue();
    assertThat(browser.get("/report/received").body()).as("shown once, to this browser only")
        .doesNotContain(reference.group());

    DiscoveryReport report = store.byReference(reference.group()).orElseThrow();
    assertThat(report.source()).isEqualTo(ReportSource.PUBLIC_WEB);
    assertThat(report.areaName()).isEqualTo("佛山市");
    assertThat(report.needsMedicalCare()).isTrue();
    assertThat(report.hasPhoto()).isTrue();
    assertThat(store.photo(report.id())).hasValueSatisfying(p -> assertThat(p.mediaType()).isEqualTo("image/jpeg"));
    assertThat(report.stationId()).as("Foshan has no station of its own: the home station")
        .isEqualTo(properties.homeStation());
    long instance = awaitProcess(report.reference());
    var tasks = client.newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items();
    assertThat(tasks).singleElement().satisfies(task -> assertThat(task.getElementId()).isEqualTo("UserTask_dispatch"));
    // the reporter's phone stays in the application's database, out of the process and its audit trail
    var variables = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance)).send().join().items();
    assertThat(variables).extracting(v -> v.getName()).contains("reportReference", "latitude", "stationId")
        .doesNotContain("reporterPhone", "photo");
    assertThat(variables).noneMatch(v -> String.valueOf(v.getValue()).contains("13800000000"));
  }

  @Test
  void aPartnerHotlineReportsThroughTheApiAndALaterSightingJoinsTheFirstReport() throws Exception {
    // Zhuhai, Gongbei port
    HttpResponse<String> first = partner("hotline.110", "demo-2026", """
        {"source": "HOTLINE_110", "latitude": 22.2155, "longitude": 113.5490, "locationText": "拱北口岸地下广场",
         "description": "老年女性独自徘徊，说不清住址", "sex": "FEMALE", "ageGroup": "ELDERLY", "seenAt": "%s",
         "photoBase64": "%s"}""".formatted(OffsetDateTime.now().minusMinutes(30).withNano(0),
        Base64.getEncoder().encodeToString(
        new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0})));
    assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
    String firstReference = reference(first.body());
    assertThat(first.body()).contains("\"linkedTo\":null", "珠海市");
    DiscoveryReport stored = store.byReference(firstReference).orElseThrow();
    assertThat(stored.source()).isEqualTo(ReportSource.HOTLINE_110);
    assertThat(stored.reportedBy()).isEqualTo("hotline.110");
    long instance = awaitProcess(firstReference);

    // 60 m away, 20 minutes later (and reported later still), to 12345 by someone who did not see her age
    HttpResponse<String> again = partner("hotline.12345", "demo-2026", """
        {"source": "HOTLINE_12345", "latitude": 22.2160, "longitude": 113.5492, "locationText": "拱北口岸",
         "description": "一位阿姨在口岸附近转来转去", "sex": "FEMALE", "seenAt": "%s", "reporterPhone": "13800138000",
         "photoBase64": "%s"}"""
        .formatted(OffsetDateTime.now().minusMinutes(10).withNano(0), Base64.getEncoder().encodeToString(
            new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10, 0x4A, 0x46})));
    assertThat(again.statusCode()).as(again.body()).isEqualTo(201);
    assertThat(again.body()).contains("\"linkedTo\":\"" + firstReference + "\"");
    DiscoveryReport sighting = store.byReference(reference(again.body())).orElseThrow();
    assertThat(sighting.linkedTo()).isEqualTo(stored.id());
    assertThat(sighting.processInstanceKey()).as("no process of its own").isNull();
    assertThat(store.linkedTo(stored.id())).extracting(DiscoveryReport::reference).containsExactly(sighting.reference());
    awaitElement(instance, "EndEvent_sightingJoined");
    // the sighting's own phone and photo are on the first report's card, for its station only
    WebBrowser station = new WebBrowser(port);
    station.logIn("li.caseworker", "demo-2026");
    assertThat(station.get("/dispatch").body()).contains("id=\"sighting-" + sighting.reference() + "\"",
        "13800138000");
    String sightingPhoto = "/dispatch/reports/" + firstReference + "/sightings/" + sighting.reference() + "/photo";
    assertThat(station.getBytes(sightingPhoto).headers().firstValue("Content-Type")).hasValue("image/jpeg");
    WebBrowser baiyun = new WebBrowser(port);
    baiyun.logIn("chen.caseworker", "demo-2026");
    assertThat(baiyun.getBytes(sightingPhoto).statusCode()).isEqualTo(403);
    assertThat(jdbc.queryForObject("SELECT joined_at IS NOT NULL FROM relief_app.discovery_report WHERE id = ?",
        Boolean.class, sighting.id())).isTrue();
    // a sighting whose publication was not confirmed (engine unreachable, answer lost) is published
    // again by the retry; the engine knows its message id, so it does not join a second time
    jdbc.update("UPDATE relief_app.discovery_report SET joined_at = NULL, received_at = now() - interval '2 minutes'"
        + " WHERE id = ?", sighting.id());
    processes.startMissed();
    assertThat(jdbc.queryForObject("SELECT joined_at IS NOT NULL FROM relief_app.discovery_report WHERE id = ?",
        Boolean.class, sighting.id())).isTrue();
    assertThat(client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(instance)
        .elementId("EndEvent_sightingJoined")).send().join().items()).hasSize(1);

    // a man at the same place is someone else
    HttpResponse<String> other = partner("hotline.110", "demo-2026", """
        {"source": "HOTLINE_110", "latitude": 22.2156, "longitude": 113.5491, "locationText": "拱北口岸地下广场",
         "description": "男子在地下广场乞讨", "sex": "MALE"}""");
    assertThat(other.body()).contains("\"linkedTo\":null");
  }

  @Test
  void onlyPartnerAccountsMayUseThePartnerApiAndBadReportsAreExplained() throws Exception {
    String body = """
        {"source": "HOTLINE_110", "latitude": 23.0, "longitude": 113.7, "locationText": "东莞", "description": "有人需要帮助"}""";
    assertThat(partner(null, null, body).statusCode()).as("anonymous").isEqualTo(401);
    assertThat(partner("hotline.110", "wrong-password", body).statusCode()).isEqualTo(401);
    assertThat(partner("li.caseworker", "demo-2026", body).statusCode()).as("a caseworker").isEqualTo(403);
    long before = count();

    HttpResponse<String> bad = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/partner/reports"))
        .header("Authorization", PartnerApi.basic("hotline.110", "demo-2026")).header("Content-Type", "application/json")
        .header("Accept-Language", "en")
        .POST(HttpRequest.BodyPublishers.ofString("""
            {"source": "PUBLIC_WEB", "latitude": 39.9, "longitude": 116.4, "locationText": "北京", "description": "x"}"""))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("INVALID_REPORT", "\"source\":\"The source must be HOTLINE_110 or HOTLINE_12345.\"",
        "outside the region", "\"description\"");
    assertThat(partner("hotline.110", "demo-2026", "{not json").statusCode()).isEqualTo(400);
    assertThat(count()).as("nothing stored").isEqualTo(before);
  }

  @Test
  void aRefusedReportKeepsWhatWasTypedAndStoresNothing() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    String token = WebBrowser.csrf(browser.get("/report").body());
    long before = count();
    HttpResponse<String> refused = postMultipart(browser, new MultipartForm().field("_csrf", token)
        .field("locationText", "江门市东湖公园北门").field("description", "x")
        .file("photo", "photo.svg", "image/svg+xml", "<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)));
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("江门市东湖公园北门", "请在地图上点选位置或使用本机定位。", "请描述看到的情况",
        "照片须为JPEG或PNG图片。");
    assertThat(count()).isEqualTo(before);
  }

  /**
   * The limit per address: from an address of its own (a loopback alias, so that the other tests'
   * reports from 127.0.0.1 do not count), the reports beyond the limit get 429 and are not stored.
   */
  @Test
  void thePublicPageLimitsReportsPerAddress() throws Exception {
    WebBrowser browser = new WebBrowser(port);
    HttpResponse<String> page = browser.get("/report");
    String cookie = page.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("JSESSIONID="))
        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
    String token = WebBrowser.csrf(page.body());
    InetAddress alias = InetAddress.getByName("127.0.0." + (10 + (int) (Math.random() * 200)));
    int limit = properties.publicLimit().perAddress();
    long before = count();
    for (int i = 0; i <= limit; i++) {
      // Shantou, each report a little further east: no linking, each a first report
      MultipartForm form = report(token, "23.3540", String.format("116.%04d", 6820 + i * 100), "汕头市第" + (i + 1) + "处",
          "有人睡在街边");
      int status = rawPost(alias, "/report", cookie, form);
      assertThat(status).as("report %d of %d allowed", i + 1, limit).isEqualTo(i < limit ? 302 : 429);
    }
    assertThat(count()).isEqualTo(before + limit);
  }

  /**
   * Wrong partner passwords lock out the address they come from, not the hotline's account (else
   * anyone could silence 110 with five guesses); the API keeps no session.
   */
  @Test
  void wrongPartnerPasswordsLockTheAddressNotTheAccount() throws Exception {
    InetAddress alias = InetAddress.getByName("127.0.0." + (10 + (int) (Math.random() * 200)));
    String json = """
        {"source": "HOTLINE_12345", "latitude": 21.2707, "longitude": 110.3594, "locationText": "湛江火车站",
         "description": "男孩独自在候车室过夜", "sex": "MALE", "ageGroup": "MINOR"}""";
    for (int i = 0; i < 6; i++) {
      assertThat(rawJson(alias, PartnerApi.basic("hotline.12345", "guess-" + i), json)).isEqualTo(401);
    }
    assertThat(rawJson(alias, PartnerApi.basic("hotline.12345", "demo-2026"), json)).as("the address is locked")
        .isEqualTo(401);
    HttpResponse<String> fromElsewhere = partner("hotline.12345", "demo-2026", json);
    assertThat(fromElsewhere.statusCode()).as("the account is not").isEqualTo(201);
    assertThat(fromElsewhere.headers().allValues("Set-Cookie")).as("no session").isEmpty();
  }

  // ---- helpers -----------------------------------------------------------------------------------

  /** A partner API call over a socket bound to {@code from}; its status. */
  private int rawJson(InetAddress from, String authorization, String json) throws Exception {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/partner/reports HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: "
          + authorization + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      String statusLine = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  private static MultipartForm report(String csrf, String latitude, String longitude, String where, String what) {
    return new MultipartForm().field("_csrf", csrf).field("latitude", latitude).field("longitude", longitude)
        .field("locationText", where).field("description", what);
  }

  private HttpResponse<String> postMultipart(WebBrowser browser, MultipartForm form) throws Exception {
    return browser.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/report"))
        .header("Content-Type", form.contentType()).header("Accept", "text/html")
        .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes())));
  }

  /** Sends the request over a socket bound to {@code from}, so that the server sees that address. */
  private int rawPost(InetAddress from, String path, String cookie, MultipartForm form) throws Exception {
    byte[] body = form.bytes();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(from, 0));
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nCookie: " + cookie
          + "\r\nContent-Type: " + form.contentType() + "\r\nContent-Length: " + body.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(body);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }

  private HttpResponse<String> partner(String username, String password, String json) throws Exception {
    return PartnerApi.report(port, username, password, json);
  }

  private static String reference(String body) {
    Matcher matcher = REFERENCE.matcher(body);
    assertThat(matcher.find()).as(body).isTrue();
    return matcher.group();
  }

  private long count() {
    return jdbc.queryForObject("SELECT count(*) FROM relief_app.discovery_report", Long.class);
  }

  private long awaitProcess(String reference) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      Long key = store.byReference(reference).orElseThrow().processInstanceKey();
      if (key != null) {
        // the search reads the engine's history, which may lag a moment behind
        while (System.nanoTime() < until) {
          if (!client.newUserTaskSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items().isEmpty()) {
            return key;
          }
          Thread.sleep(100);
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the process of report " + reference + " did not start");
  }

  private void awaitElement(long instance, String elementId) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < until) {
      if (!client.newElementInstanceSearchRequest()
          .filter(f -> f.processInstanceKey(instance).elementId(elementId)).send().join().items().isEmpty()) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(elementId + " not reached in instance " + instance);
  }
}

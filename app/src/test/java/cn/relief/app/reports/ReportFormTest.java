package cn.relief.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.geo.RegionMap;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class ReportFormTest {
  private static final RegionMap REGION = new RegionMap("classpath:static/geo/guangdong.geojson", new ObjectMapper());
  private static final Clock NOON = Clock.fixed(Instant.parse("2026-11-30T04:00:00Z"), ZoneOffset.UTC);

  private static ReportForm form() {
    ReportForm form = new ReportForm();
    form.setLatitude("23.1255");
    form.setLongitude("113.3650");
    form.setLocationText("天河公园南门");
    form.setDescription("老人独自坐在长椅上，衣着单薄");
    return form;
  }

  @Test
  void aCompleteReportIsTakenWithLocalTimeAndDefaults() {
    ReportForm form = form();
    form.setSeenAt("2026-11-30T11:30");
    form.setSex("male");
    form.setReporterPhone(" 138 0000 0000 ");
    ReportForm.Checked checked = form.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON);
    assertThat(checked.errors()).isEmpty();
    assertThat(checked.report().seenAt()).as("11:30 Beijing time").isEqualTo(Instant.parse("2026-11-30T03:30:00Z"));
    assertThat(checked.report().sex()).isEqualTo(ReportedSex.MALE);
    assertThat(checked.report().ageGroup()).isEqualTo(AgeGroup.UNKNOWN);
    assertThat(checked.report().reporterPhone()).isEqualTo("138 0000 0000");

    form.setSeenAt(null);
    assertThat(form.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).report().seenAt())
        .as("no time: now").isEqualTo(NOON.instant());
    form.setSeenAt("2026-11-30T03:50:00Z");
    assertThat(form.check(ReportSource.HOTLINE_110, "hotline.110", null, REGION, NOON).report().seenAt())
        .as("a partner's time with offset").isEqualTo(Instant.parse("2026-11-30T03:50:00Z"));
  }

  @Test
  void eachProblemIsNamedByItsField() {
    ReportForm form = new ReportForm();
    form.setLocationText("x");
    form.setDescription("a\u0000bcd");
    form.setSeenAt("yesterday");
    form.setSex("robot");
    form.setReporterPhone("call me");
    assertThat(form.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("place", "report.error.place.missing")
        .containsEntry("locationText", "report.error.locationText.short")
        .containsEntry("description", "report.error.control")
        .containsEntry("seenAt", "report.error.seenAt.invalid")
        .containsEntry("sex", "report.error.choice")
        .containsEntry("reporterPhone", "report.error.phone");
  }

  @Test
  void placesAndTimesOutsideWhatIsHandledAreRefused() {
    ReportForm beijing = form();
    beijing.setLatitude("39.9042");
    beijing.setLongitude("116.4074");
    assertThat(beijing.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("place", "report.error.place.outside");
    ReportForm nonsense = form();
    nonsense.setLatitude("NaN");
    assertThat(nonsense.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("place", "report.error.place.invalid");
    ReportForm future = form();
    future.setSeenAt("2026-11-30T13:00");
    assertThat(future.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("seenAt", "report.error.seenAt.future");
    ReportForm old = form();
    old.setSeenAt("2026-11-20T12:00");
    assertThat(old.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("seenAt", "report.error.seenAt.old");
    ReportForm longText = form();
    longText.setDescription("长".repeat(1001));
    assertThat(longText.check(ReportSource.PUBLIC_WEB, null, null, REGION, NOON).errors())
        .containsEntry("description", "report.error.description.long");
  }

  @Test
  void onlyJpegAndPngPhotosAreTakenByTheirBytes() {
    byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 16, 'J', 'F', 'I', 'F'};
    byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
    assertThat(ReportPhoto.of(jpeg)).map(ReportPhoto::mediaType).contains("image/jpeg");
    assertThat(ReportPhoto.of(png)).map(ReportPhoto::mediaType).contains("image/png");
    assertThat(ReportPhoto.of("<svg onload=alert(1)>".getBytes())).isEmpty();
    assertThat(ReportPhoto.of(new byte[3])).isEmpty();
  }
}

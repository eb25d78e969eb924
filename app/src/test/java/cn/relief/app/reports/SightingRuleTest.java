package cn.relief.app.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.app.geo.GeoPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SightingRuleTest {
  private static final Instant NOON = Instant.parse("2026-11-30T04:00:00Z");
  private static final GeoPoint PARK_GATE = new GeoPoint(23.1255, 113.3650);
  private static final SightingRule RULE = new SightingRule(Duration.ofHours(2), 300);

  private static DiscoveryReport first(long id, GeoPoint place, Instant seen, ReportedSex sex, AgeGroup age) {
    return new DiscoveryReport(id, "FX-20261130-" + id, ReportSource.PUBLIC_WEB, null, seen, seen, place, "公园南门",
        "440100", "广州市", "老人坐在长椅上", sex, age, false, null, "org-station-tianhe", 1L, false);
  }

  private static NewReport sighting(GeoPoint place, Instant seen, ReportedSex sex, AgeGroup age) {
    return new NewReport(ReportSource.HOTLINE_110, "hotline.110", seen, place, "公园南门", "老人", sex, age, false, null,
        null);
  }

  /** About {@code metres} north of the point. */
  private static GeoPoint north(GeoPoint from, double metres) {
    return new GeoPoint(from.latitude() + metres / 111_195, from.longitude());
  }

  @Test
  void aSightingNearbyWithinTheWindowJoinsTheNearestFirstReport() {
    var far = first(1, north(PARK_GATE, 250), NOON, ReportedSex.MALE, AgeGroup.ELDERLY);
    var near = first(2, north(PARK_GATE, 50), NOON, ReportedSex.UNKNOWN, AgeGroup.UNKNOWN);
    assertThat(RULE.match(sighting(PARK_GATE, NOON.plus(Duration.ofMinutes(90)), ReportedSex.MALE, AgeGroup.ELDERLY),
        List.of(far, near))).contains(near);
  }

  @Test
  void tooFarTooLateOrToldApartIsANewReport() {
    var first = first(1, PARK_GATE, NOON, ReportedSex.MALE, AgeGroup.ELDERLY);
    assertThat(RULE.match(sighting(north(PARK_GATE, 350), NOON, ReportedSex.MALE, AgeGroup.ELDERLY), List.of(first)))
        .as("350 m away").isEmpty();
    assertThat(RULE.match(sighting(PARK_GATE, NOON.plus(Duration.ofMinutes(121)), ReportedSex.MALE, AgeGroup.ELDERLY),
        List.of(first))).as("2 h 1 min later").isEmpty();
    assertThat(RULE.match(sighting(PARK_GATE, NOON.minus(Duration.ofMinutes(119)), ReportedSex.MALE, AgeGroup.ELDERLY),
        List.of(first))).as("seen 1 h 59 min earlier, reported later").contains(first);
    assertThat(RULE.match(sighting(PARK_GATE, NOON, ReportedSex.FEMALE, AgeGroup.ELDERLY), List.of(first)))
        .as("a woman, not the man reported").isEmpty();
    assertThat(RULE.match(sighting(PARK_GATE, NOON, ReportedSex.MALE, AgeGroup.MINOR), List.of(first)))
        .as("a boy, not the old man").isEmpty();
    assertThat(RULE.match(sighting(PARK_GATE, NOON, ReportedSex.UNKNOWN, AgeGroup.UNKNOWN), List.of(first)))
        .as("nothing tells them apart").contains(first);
  }

  @Test
  void aLinkedReportIsNeverTheFirstOfAnother() {
    var linked = new DiscoveryReport(3, "FX-20261130-3", ReportSource.PUBLIC_WEB, null, NOON, NOON, PARK_GATE, "南门",
        "440100", "广州市", "老人", ReportedSex.MALE, AgeGroup.ELDERLY, false, 1L, "org-station-tianhe", null, false);
    assertThat(RULE.match(sighting(PARK_GATE, NOON, ReportedSex.MALE, AgeGroup.ELDERLY), List.of(linked))).isEmpty();
  }

  @Test
  void theRuleNeedsAPositiveWindowAndDistance() {
    assertThatThrownBy(() -> new SightingRule(Duration.ZERO, 300)).hasMessageContaining("positive");
    assertThatThrownBy(() -> new SightingRule(Duration.ofHours(1), 0)).hasMessageContaining("positive");
  }
}

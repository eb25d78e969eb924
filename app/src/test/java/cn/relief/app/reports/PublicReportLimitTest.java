package cn.relief.app.reports;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublicReportLimitTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T04:00:00Z"));

  @Test
  void oneAddressGetsItsShareInTheWindowThenWaits() {
    var limit = new PublicReportLimit(new ReportsProperties.PublicLimit(3, Duration.ofMinutes(10), 100), clock);
    for (int i = 0; i < 3; i++) {
      assertThat(limit.tryTake("198.51.100.7")).as("report %d", i + 1).isTrue();
      clock.advance(Duration.ofSeconds(60));
    }
    assertThat(limit.tryTake("198.51.100.7")).as("a fourth within 10 minutes").isFalse();
    assertThat(limit.tryTake("198.51.100.8")).as("another address").isTrue();
    clock.advance(Duration.ofMinutes(8));
    assertThat(limit.tryTake("198.51.100.7")).as("the first report left the window").isTrue();
  }

  @Test
  void everyoneTogetherIsLimitedPerMinute() {
    var limit = new PublicReportLimit(new ReportsProperties.PublicLimit(5, Duration.ofMinutes(10), 10), clock);
    for (int i = 0; i < 10; i++) {
      assertThat(limit.tryTake("203.0.113." + i)).isTrue();
    }
    assertThat(limit.tryTake("203.0.113.200")).as("the eleventh in a minute, from a new address").isFalse();
    clock.advance(Duration.ofSeconds(61));
    assertThat(limit.tryTake("203.0.113.200")).isTrue();
  }

  @Test
  void aFloodOfAddressesDoesNotGrowWithoutBound() {
    var limit = new PublicReportLimit(new ReportsProperties.PublicLimit(1, Duration.ofMinutes(10), Integer.MAX_VALUE),
        clock);
    for (int i = 0; i < PublicReportLimit.MAX_TRACKED_ADDRESSES + 10; i++) {
      limit.tryTake("a" + i);
    }
    // the oldest addresses were forgotten (and may report again); the newest are still limited
    assertThat(limit.tryTake("a0")).isTrue();
    assertThat(limit.tryTake("a" + (PublicReportLimit.MAX_TRACKED_ADDRESSES + 9))).isFalse();
  }
}

package cn.relief.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class TimesInTemplatesTest {
  final TimesInTemplates times = new TimesInTemplates();

  @Test
  void anEngineTimeInUtcReadsAsChinaStandardTime() {
    assertThat(times.minutes(OffsetDateTime.parse("2026-11-30T01:00:00Z"))).isEqualTo("2026-11-30 09:00");
    assertThat(times.minutes("2026-11-30T17:30:00.000Z")).isEqualTo("2026-12-01 01:30");
    assertThat(times.minutes(null)).isEmpty();
    assertThat(times.minutes("P10D")).isEqualTo("P10D");
  }
}

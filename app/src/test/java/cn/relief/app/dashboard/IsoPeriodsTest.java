package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class IsoPeriodsTest {
  private static final Instant START = Instant.parse("2026-11-30T02:00:00Z");

  @Test
  void addsTheModelsPeriodsWithDateAndTimeParts() {
    assertThat(IsoPeriods.plus(START, "PT24H")).contains(Instant.parse("2026-12-01T02:00:00Z"));
    assertThat(IsoPeriods.plus(START, "P10D")).contains(Instant.parse("2026-12-10T02:00:00Z"));
    assertThat(IsoPeriods.plus(START, "P3M")).contains(Instant.parse("2027-02-28T02:00:00Z"));
    assertThat(IsoPeriods.plus(START, "P1DT12H")).contains(Instant.parse("2026-12-01T14:00:00Z"));
    assertThat(IsoPeriods.plus(START, "ten days")).isEmpty();
    assertThat(IsoPeriods.plus(START, null)).isEmpty();
  }

  @Test
  void readsDueDatesWithOffsetLocalOrAsABareDateDueAtItsEndInChina() {
    assertThat(IsoPeriods.dueDate("2026-12-09T18:00:00+08:00")).contains(Instant.parse("2026-12-09T10:00:00Z"));
    assertThat(IsoPeriods.dueDate("2026-12-09T18:00:00")).contains(Instant.parse("2026-12-09T10:00:00Z"));
    assertThat(IsoPeriods.dueDate("2026-12-09")).contains(Instant.parse("2026-12-09T16:00:00Z"));
    assertThat(IsoPeriods.dueDate("soon")).isEmpty();
  }

  @Test
  void variableValuesAreReadAsText() {
    assertThat(CaseIndex.text("\"org-station-tianhe\"")).contains("org-station-tianhe");
    assertThat(CaseIndex.text("12")).contains("12");
    assertThat(CaseIndex.text("null")).isEmpty();
    assertThat(CaseIndex.text("\"cut off")).isEmpty();
  }
}

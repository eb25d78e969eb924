package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PatrolPlanTest {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final Instant MADE = Instant.parse("2026-11-01T00:00:00Z");

  private static PatrolPlan plan(LocalTime at, EnumSet<DayOfWeek> days) {
    return new PatrolPlan(1, "area", "team", at, days, true, MADE);
  }

  @Test
  void aDailyEveningRoundIsDueAtItsWallClockTimeInTheRegion() {
    PatrolPlan plan = plan(LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class));
    // 20:00 in Beijing is 12:00 UTC
    assertThat(plan.dueBetween(Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T14:00:00Z"), CHINA))
        .containsExactly(Instant.parse("2026-11-30T12:00:00Z"));
    assertThat(plan.dueBetween(Instant.parse("2026-11-29T10:00:00Z"), Instant.parse("2026-12-01T14:00:00Z"), CHINA))
        .containsExactly(Instant.parse("2026-11-29T12:00:00Z"), Instant.parse("2026-11-30T12:00:00Z"),
            Instant.parse("2026-12-01T12:00:00Z"));
  }

  @Test
  void theWindowIsOpenBeforeAndClosedAfter() {
    PatrolPlan plan = plan(LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class));
    Instant due = Instant.parse("2026-11-30T12:00:00Z");
    assertThat(plan.dueBetween(due, due.plusSeconds(3600), CHINA)).as("already due at the window's start").isEmpty();
    assertThat(plan.dueBetween(due.minusSeconds(60), due, CHINA)).containsExactly(due);
  }

  @Test
  void onlyTheChosenDaysOfTheWeekInTheRegionsCalendar() {
    // 2026-11-27 is a Friday; 02:30 on Saturday in Beijing is still Friday 18:30 UTC
    PatrolPlan plan = plan(LocalTime.of(2, 30), EnumSet.of(DayOfWeek.SATURDAY));
    assertThat(plan.dueBetween(Instant.parse("2026-11-23T00:00:00Z"), Instant.parse("2026-11-30T00:00:00Z"), CHINA))
        .containsExactly(Instant.parse("2026-11-27T18:30:00Z"));
  }

  @Test
  void aPlanIsNeverDueBeforeItWasMadeNorWhenEnded() {
    PatrolPlan plan = new PatrolPlan(1, "area", "team", LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class), true,
        Instant.parse("2026-11-30T12:30:00Z"));
    assertThat(plan.dueBetween(Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T14:00:00Z"), CHINA))
        .as("made at 20:30 for 20:00: tomorrow").isEmpty();
    PatrolPlan ended = new PatrolPlan(1, "area", "team", LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class), false,
        MADE);
    assertThat(ended.dueBetween(Instant.parse("2026-11-30T10:00:00Z"), Instant.parse("2026-11-30T14:00:00Z"), CHINA))
        .isEmpty();
  }
}

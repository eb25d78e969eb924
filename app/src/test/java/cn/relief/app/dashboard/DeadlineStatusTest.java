package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadlineStatusTest {
  private static final Instant DUE = Instant.parse("2026-12-01T00:00:00Z");

  @Test
  void doneByTheDeadlineIsMetAfterItMissed() {
    assertThat(DeadlineStatus.of(DUE, DUE.minusSeconds(3600), DUE.plusSeconds(86_400 * 5))).isEqualTo(DeadlineStatus.MET);
    assertThat(DeadlineStatus.of(DUE, DUE.plusSeconds(3600), DUE.plusSeconds(7200))).isEqualTo(DeadlineStatus.MISSED);
  }

  @Test
  void aTimerEndingTheWaitAMomentAfterTheDeadlineStillMeetsIt() {
    assertThat(DeadlineStatus.of(DUE, DUE.plusMillis(40), DUE.plusSeconds(1))).isEqualTo(DeadlineStatus.MET);
  }

  @Test
  void openStepsAreInTimeNearOrMissedByTheClock() {
    assertThat(DeadlineStatus.of(DUE, null, DUE.minus(Duration.ofDays(3)))).isEqualTo(DeadlineStatus.ON_TRACK);
    assertThat(DeadlineStatus.of(DUE, null, DUE.minus(Duration.ofHours(24)))).isEqualTo(DeadlineStatus.NEAR);
    assertThat(DeadlineStatus.of(DUE, null, DUE.minus(Duration.ofHours(25)))).isEqualTo(DeadlineStatus.ON_TRACK);
    assertThat(DeadlineStatus.of(DUE, null, DUE)).isEqualTo(DeadlineStatus.NEAR);
    assertThat(DeadlineStatus.of(DUE, null, DUE.plusMillis(1))).isEqualTo(DeadlineStatus.MISSED);
  }

  @Test
  void theTallyCountsEachDeadlineByStatus() {
    DeadlineTally tally = new DeadlineTally();
    tally.add(Deadline.STAY, DUE, null, DUE.plusSeconds(1));
    tally.add(Deadline.STAY, DUE, DUE.minusSeconds(1), DUE);
    tally.add(Deadline.TRACING_NOTICE, DUE, null, DUE.minusSeconds(60));
    assertThat(tally.counts(Deadline.STAY)).containsExactly(1, 0, 0, 1);
    assertThat(tally.count(Deadline.TRACING_NOTICE, DeadlineStatus.NEAR)).isEqualTo(1);
    assertThat(tally.counts(Deadline.RESETTLEMENT)).containsOnly(0);
  }
}

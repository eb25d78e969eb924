package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.app.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LoginAttemptsTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-30T08:00:00Z"));
  private final LoginAttempts attempts = new LoginAttempts(5, Duration.ofMinutes(15), Duration.ofMinutes(15), clock);

  @Test
  void locksAfterFiveFailuresWithinTheWindow() {
    for (int i = 1; i <= 4; i++) {
      assertThat(attempts.recordFailure("li.caseworker")).isFalse();
      clock.advance(Duration.ofMinutes(3));
    }
    assertThat(attempts.isLocked("li.caseworker")).isFalse();
    assertThat(attempts.recordFailure("li.caseworker")).isTrue();
    assertThat(attempts.isLocked("li.caseworker")).isTrue();
    assertThat(attempts.isLocked("LI.Caseworker ")).as("the same username, spelt otherwise").isTrue();
    assertThat(attempts.isLocked("wang.head")).isFalse();
  }

  @Test
  void theLockEndsAfterItsDuration() {
    for (int i = 0; i < 5; i++) {
      attempts.recordFailure("li.caseworker");
    }
    clock.advance(Duration.ofMinutes(14));
    assertThat(attempts.isLocked("li.caseworker")).isTrue();
    clock.advance(Duration.ofMinutes(1));
    assertThat(attempts.isLocked("li.caseworker")).isFalse();
    assertThat(attempts.recordFailure("li.caseworker")).as("the count starts again").isFalse();
  }

  @Test
  void failuresOutsideTheWindowDoNotCount() {
    for (int i = 0; i < 4; i++) {
      attempts.recordFailure("li.caseworker");
    }
    clock.advance(Duration.ofMinutes(15));
    assertThat(attempts.recordFailure("li.caseworker")).isFalse();
    assertThat(attempts.isLocked("li.caseworker")).isFalse();
  }

  @Test
  void aSuccessfulLoginClearsTheCount() {
    for (int i = 0; i < 4; i++) {
      attempts.recordFailure("li.caseworker");
    }
    attempts.recordSuccess("li.caseworker");
    assertThat(attempts.recordFailure("li.caseworker")).isFalse();
  }

  @Test
  void forgetsOldFailuresOfManyGuessedUsernames() {
    for (int i = 0; i <= LoginAttempts.MAX_TRACKED_USERNAMES; i++) {
      attempts.recordFailure("guess-" + i);
    }
    attempts.recordFailure("li.caseworker");
    clock.advance(Duration.ofMinutes(16));
    attempts.recordFailure("wang.head");
    assertThat(attempts.trackedUsernames()).isEqualTo(1);
  }

  @Test
  void refusesALimitBelowOne() {
    assertThatThrownBy(() -> new LoginAttempts(0, Duration.ofMinutes(1), Duration.ofMinutes(1), clock))
        .hasMessageContaining("at least 1");
  }
}

package cn.relief.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed logins per username: after {@code maxAttempts} failures within {@code window} the
 * username is locked for {@code lockDuration}, whatever password is then given. A successful
 * login clears the count. Kept in memory: a restart unlocks everyone.
 */
public class LoginAttempts {
  static final int MAX_TRACKED_USERNAMES = 10_000;

  private final int maxAttempts;
  private final Duration window;
  private final Duration lockDuration;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Map<String, Instant> lockedUntil = new ConcurrentHashMap<>();

  public LoginAttempts(int maxAttempts, Duration window, Duration lockDuration, Clock clock) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("Expected at least 1 login attempt before a lock-out, but got " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.window = window;
    this.lockDuration = lockDuration;
    this.clock = clock;
  }

  /** Whether {@code username} is locked out now. */
  public boolean isLocked(String username) {
    Instant until = lockedUntil.get(key(username));
    if (until == null) {
      return false;
    }
    if (clock.instant().isBefore(until)) {
      return true;
    }
    lockedUntil.remove(key(username), until);
    return false;
  }

  /** Records a failed attempt; true if it locks the username. */
  public boolean recordFailure(String username) {
    String key = key(username);
    Instant now = clock.instant();
    if (failures.size() > MAX_TRACKED_USERNAMES) {
      forgetOldFailures(now);
    }
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(now);
      while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
        recent.removeFirst();
      }
      if (recent.size() >= maxAttempts) {
        recent.clear();
        lockedUntil.put(key, now.plus(lockDuration));
        return true;
      }
      return false;
    }
  }

  /** How many usernames have failures counted (for tests). */
  int trackedUsernames() {
    return failures.size();
  }

  // guessed usernames would otherwise fill the memory: past this many, those with only failures
  // outside the window are forgotten, as are ended locks
  private void forgetOldFailures(Instant now) {
    failures.values().removeIf(recent -> {
      synchronized (recent) {
        return recent.isEmpty() || !recent.peekLast().isAfter(now.minus(window));
      }
    });
    lockedUntil.values().removeIf(until -> !now.isBefore(until));
  }

  public void recordSuccess(String username) {
    failures.remove(key(username));
  }

  private static String key(String username) {
    return username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
  }
}

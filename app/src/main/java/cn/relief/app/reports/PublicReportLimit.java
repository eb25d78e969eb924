package cn.relief.app.reports;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The public report page's rate limit: at most {@code perAddress} reports per client address within
 * the window, and {@code allPerMinute} from everyone together. Kept in memory (a restart forgets
 * it); the addresses tracked are capped, the oldest forgotten first, so that a flood of addresses
 * cannot fill the heap.
 */
public class PublicReportLimit {
  static final int MAX_TRACKED_ADDRESSES = 50_000;

  private final ReportsProperties.PublicLimit limit;
  private final Clock clock;
  private final Map<String, Deque<Instant>> byAddress = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Deque<Instant>> eldest) {
      return size() > MAX_TRACKED_ADDRESSES;
    }
  };
  private final Deque<Instant> everyone = new ArrayDeque<>();

  public PublicReportLimit(ReportsProperties.PublicLimit limit, Clock clock) {
    if (limit.perAddress() < 1 || limit.allPerMinute() < 1) {
      throw new IllegalArgumentException("Expected the public report limits to allow at least one report, but found "
          + limit);
    }
    this.limit = limit;
    this.clock = clock;
  }

  /** Takes one report from {@code address} if the limits allow it now; false means refuse (429). */
  public synchronized boolean tryTake(String address) {
    Instant now = clock.instant();
    Deque<Instant> mine = byAddress.computeIfAbsent(address, a -> new ArrayDeque<>());
    dropBefore(mine, now.minus(limit.window()));
    dropBefore(everyone, now.minus(Duration.ofMinutes(1)));
    if (mine.size() >= limit.perAddress() || everyone.size() >= limit.allPerMinute()) {
      return false;
    }
    mine.addLast(now);
    everyone.addLast(now);
    return true;
  }

  private static void dropBefore(Deque<Instant> times, Instant start) {
    while (!times.isEmpty() && times.peekFirst().isBefore(start)) {
      times.removeFirst();
    }
  }
}

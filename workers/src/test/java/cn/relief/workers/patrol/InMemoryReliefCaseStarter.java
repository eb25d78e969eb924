package cn.relief.workers.patrol;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Starts nothing: remembers the cases it was asked for, one per idempotency key, as the real starter does. */
public class InMemoryReliefCaseStarter implements ReliefCaseStarter {

  private final AtomicLong keys = new AtomicLong(2251799813700000L);
  private final Map<String, Long> started = new ConcurrentHashMap<>();
  private final List<Map<String, Object>> cases = new CopyOnWriteArrayList<>();

  @Override
  public long start(String idempotencyKey, Map<String, Object> variables) {
    return started.computeIfAbsent(idempotencyKey, key -> {
      cases.add(Map.copyOf(variables));
      return keys.incrementAndGet();
    });
  }

  public List<Map<String, Object>> cases() {
    return List.copyOf(cases);
  }
}

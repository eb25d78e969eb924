package cn.relief.engine;

import cn.relief.engine.api.EngineApi.ActivateJobs;
import cn.relief.engine.api.EngineApi.ActivatedJob;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Job activation requests that found nothing and wait (long polling). When jobs of their type
 * become activatable they are activated again; when their request timeout passes they answer
 * with no jobs.
 */
final class LongPolls {
  record Waiter(ActivateJobs command, CompletableFuture<List<ActivatedJob>> reply, long expiresAt) {}

  private final Map<String, Deque<Waiter>> byType = new ConcurrentHashMap<>();

  void add(Waiter waiter) {
    Deque<Waiter> waiters = byType.computeIfAbsent(waiter.command().type(), t -> new ArrayDeque<>());
    synchronized (waiters) {
      waiters.addLast(waiter);
    }
  }

  /** Removes and returns the oldest waiter of a type that still waits, or null. */
  Waiter takeOne(String type) {
    Deque<Waiter> waiters = byType.get(type);
    if (waiters == null) {
      return null;
    }
    synchronized (waiters) {
      Waiter waiter;
      while ((waiter = waiters.pollFirst()) != null) {
        if (!waiter.reply().isDone()) {
          return waiter;
        }
      }
      return null;
    }
  }

  /** Removes and returns the waiters of a type, to be activated again. */
  List<Waiter> takeAll(String type) {
    Deque<Waiter> waiters = byType.get(type);
    if (waiters == null) {
      return List.of();
    }
    synchronized (waiters) {
      List<Waiter> taken = new ArrayList<>(waiters);
      waiters.clear();
      return taken;
    }
  }

  /** Answers expired and abandoned waiters with an empty list. */
  void expire(long now) {
    for (Deque<Waiter> waiters : byType.values()) {
      synchronized (waiters) {
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
          Waiter waiter = it.next();
          if (waiter.reply().isDone()) {
            it.remove();
          } else if (waiter.expiresAt() <= now) {
            it.remove();
            waiter.reply().complete(List.of());
          }
        }
      }
    }
  }
}

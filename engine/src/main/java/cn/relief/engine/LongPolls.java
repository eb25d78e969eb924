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
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Job activation requests that found nothing and wait (long polling). When jobs of their type
 * become activatable they are activated again; when their request timeout passes they answer
 * with no jobs.
 *
 * <p>Bounded, like the engine's command queue: at most {@code maxWaiting} requests wait, beyond
 * that {@link #add} refuses (the caller answers RESOURCE_EXHAUSTED and the worker backs off);
 * one gRPC connection can otherwise park any number of calls here. A job type's entry goes away
 * once nobody waits for it, so that workers polling ever new types do not leave one behind each.
 */
final class LongPolls {
  record Waiter(ActivateJobs command, CompletableFuture<List<ActivatedJob>> reply, long expiresAt) {}

  private final Map<String, Deque<Waiter>> byType = new ConcurrentHashMap<>();
  private final AtomicInteger waiting = new AtomicInteger();
  private final int maxWaiting;

  LongPolls(int maxWaiting) {
    this.maxWaiting = maxWaiting;
  }

  /** Parks a waiter; false (and nothing parked) when {@code maxWaiting} already wait. */
  boolean add(Waiter waiter) {
    if (waiting.incrementAndGet() > maxWaiting) {
      waiting.decrementAndGet();
      return false;
    }
    // compute() holds the map's lock for the type, so expire() cannot drop the queue in between
    byType.compute(waiter.command().type(), (type, waiters) -> {
      Deque<Waiter> queue = waiters == null ? new ArrayDeque<>() : waiters;
      synchronized (queue) {
        queue.addLast(waiter);
      }
      return queue;
    });
    return true;
  }

  /** How many requests wait. */
  int size() {
    return waiting.get();
  }

  /** How many job types have a waiting list. */
  int types() {
    return byType.size();
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
        waiting.decrementAndGet();
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
      waiting.addAndGet(-taken.size());
      waiters.clear();
      return taken;
    }
  }

  /** Answers expired and abandoned waiters with an empty list; forgets types nobody waits for. */
  void expire(long now) {
    for (Map.Entry<String, Deque<Waiter>> entry : byType.entrySet()) {
      Deque<Waiter> waiters = entry.getValue();
      synchronized (waiters) {
        Iterator<Waiter> it = waiters.iterator();
        while (it.hasNext()) {
          Waiter waiter = it.next();
          if (waiter.reply().isDone()) {
            it.remove();
            waiting.decrementAndGet();
          } else if (waiter.expiresAt() <= now) {
            it.remove();
            waiting.decrementAndGet();
            waiter.reply().complete(List.of());
          }
        }
      }
      byType.computeIfPresent(entry.getKey(), (type, queue) -> {
        synchronized (queue) {
          return queue.isEmpty() ? null : queue;
        }
      });
    }
  }
}

package cn.relief.engine;

import cn.relief.engine.api.EngineApi.JobConsumer;
import cn.relief.engine.api.EngineApi.JobStreamRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open job streams per job type. Gateways open and close streams on their threads; the writer
 * thread picks a stream (round robin) for each job that becomes activatable.
 */
final class JobStreams {
  record Stream(JobStreamRequest request, JobConsumer consumer) {}

  private final Map<String, List<Stream>> byType = new ConcurrentHashMap<>();
  private final AtomicInteger roundRobin = new AtomicInteger();

  Stream add(JobStreamRequest request, JobConsumer consumer) {
    Stream stream = new Stream(request, consumer);
    byType.computeIfAbsent(request.type(), t -> new CopyOnWriteArrayList<>()).add(stream);
    return stream;
  }

  void remove(Stream stream) {
    List<Stream> streams = byType.get(stream.request().type());
    if (streams != null) {
      streams.remove(stream);
    }
  }

  boolean isOpen(Stream stream) {
    List<Stream> streams = byType.get(stream.request().type());
    return streams != null && streams.contains(stream);
  }

  /** A stream for the type, or null when none is open. */
  Stream pick(String type) {
    List<Stream> streams = byType.get(type);
    if (streams == null || streams.isEmpty()) {
      return null;
    }
    try {
      return streams.get(Math.floorMod(roundRobin.getAndIncrement(), streams.size()));
    } catch (IndexOutOfBoundsException closedMeanwhile) {
      return null;
    }
  }
}

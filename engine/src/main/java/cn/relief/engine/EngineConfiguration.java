package cn.relief.engine;

import java.time.Duration;

/**
 * Tunables of the embedded engine.
 *
 * @param maxBatchSize commands processed together and committed in one transaction
 * @param maxQueuedCommands beyond this many waiting commands new ones are refused with
 *     RESOURCE_EXHAUSTED instead of queueing without bound
 * @param dueDateCheckInterval how often job deadlines, back-offs and message TTLs are checked
 * @param snapshotInterval after this many new records the state is snapshotted, so that a restart
 *     replays at most about this many records; 0 turns snapshots off
 * @param clockControllable whether the clock may be pinned through the API (for tests; off in
 *     production, as in Zeebe)
 */
public record EngineConfiguration(
    int partitionId,
    int maxBatchSize,
    int maxQueuedCommands,
    Duration dueDateCheckInterval,
    String advertisedHost,
    int advertisedPort,
    String version,
    long snapshotInterval,
    boolean clockControllable) {

  public static EngineConfiguration defaults() {
    return new EngineConfiguration(1, 1000, 20_000, Duration.ofMillis(100), "localhost", 26500, "8.8.14", 1_000_000, false);
  }
}

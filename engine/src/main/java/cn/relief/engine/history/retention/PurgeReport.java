package cn.relief.engine.history.retention;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * What a purge run did, or has done so far while it runs ({@code finishedAt} null).
 *
 * @param requestedBy the caller id who asked for it, or {@code engine} for the scheduled run
 * @param failure why the run stopped early (what is left is purged by the next run), or null
 */
public record PurgeReport(
    OffsetDateTime startedAt,
    OffsetDateTime finishedAt,
    String requestedBy,
    List<ProcessPurge> processes,
    long cases,
    long instances,
    long rows,
    String failure) {

  /**
   * The purge of one process's history.
   *
   * @param retention ISO-8601 period, e.g. {@code PT87600H}
   * @param endedBefore cases that ended before this time were purged
   * @param cases root process instances purged; {@code instances} counts the instances they called too
   */
  public record ProcessPurge(
      String bpmnProcessId, String retention, OffsetDateTime endedBefore, long cases, long instances, long rows) {}
}

package cn.relief.workers.tracing;

import java.time.Instant;
import java.util.List;

/** The national family-tracing site (全国救助寻亲网) and the media it forwards notices to. */
public interface TracingNoticeSite {

  /** Publishes (or refreshes) a notice; the same key returns the first publication. */
  Publication publish(String idempotencyKey, String caseNumber, String noticeText, List<String> channels);

  record Publication(String noticeId, Instant publishedAt, List<String> channels) {}
}

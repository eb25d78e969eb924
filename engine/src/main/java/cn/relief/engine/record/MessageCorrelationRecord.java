package cn.relief.engine.record;

import java.util.Map;

/** A message correlated at once to a waiting instance or a start event, without buffering. */
public record MessageCorrelationRecord(
    String name,
    String correlationKey,
    Map<String, Object> variables,
    long messageKey,
    long processInstanceKey,
    String tenantId) implements RecordValue {}

package cn.relief.engine.record;

import java.util.Map;

/** A published message; kept until {@code deadline} (publish time plus time to live). */
public record MessageRecord(
    String name,
    String correlationKey,
    long timeToLive,
    String messageId,
    Map<String, Object> variables,
    long deadline,
    String tenantId) implements RecordValue {}

package cn.relief.engine.record;

/** An escalation thrown in a process instance, and which element caught it (empty when uncaught). */
public record EscalationRecord(
    long processInstanceKey,
    String escalationCode,
    String throwElementId,
    String catchElementId) implements RecordValue {}

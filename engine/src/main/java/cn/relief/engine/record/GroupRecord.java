package cn.relief.engine.record;

/**
 * A group, or (with {@code entityId} and {@code entityType} USER) a membership added to or removed
 * from it, as Camunda 8.8 records group events.
 */
public record GroupRecord(String groupId, String name, String description, String entityId, String entityType)
    implements RecordValue {}

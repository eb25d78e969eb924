package cn.relief.engine.record;

/**
 * A role, or (with {@code entityId} and {@code entityType} USER or GROUP) a member added to or
 * removed from it, as Camunda 8.8 records role events.
 */
public record RoleRecord(String roleId, String name, String description, String entityId, String entityType)
    implements RecordValue {}

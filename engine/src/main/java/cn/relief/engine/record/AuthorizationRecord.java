package cn.relief.engine.record;

import java.util.List;

/**
 * Permissions an owner (a USER, GROUP or ROLE) holds on resources of a type: one resource id, or
 * {@code *} for all of them. Names as in Camunda 8.8 ({@code PROCESS_DEFINITION},
 * {@code CREATE_PROCESS_INSTANCE}, ...).
 */
public record AuthorizationRecord(String ownerType, String ownerId, String resourceType, String resourceId,
    List<String> permissionTypes) implements RecordValue {}

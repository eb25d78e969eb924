package cn.relief.engine.history.search;

/**
 * Which rows of a history table a caller may read: those whose {@code column} holds a resource id
 * the caller holds {@code permissionType} on {@code resourceType} for (e.g. the process instances
 * of the processes it may READ_PROCESS_INSTANCE).
 */
public record ReadGuard(String resourceType, String permissionType, String column) {}

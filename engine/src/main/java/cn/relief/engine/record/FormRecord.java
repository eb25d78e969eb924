package cn.relief.engine.record;

/** A deployed form version (one {@code .form} resource), with the form-js schema it was read from. */
public record FormRecord(
    String formId,
    int version,
    String versionTag,
    String resourceName,
    String resource,
    String checksum,
    long deploymentKey,
    String tenantId) implements RecordValue {}

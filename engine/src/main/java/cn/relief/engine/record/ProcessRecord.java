package cn.relief.engine.record;

/** A deployed process definition version, with the XML it was parsed from. */
public record ProcessRecord(
    String bpmnProcessId,
    int version,
    String resourceName,
    String resource,
    String checksum,
    long deploymentKey,
    String tenantId) implements RecordValue {}

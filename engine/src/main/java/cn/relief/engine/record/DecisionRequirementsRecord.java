package cn.relief.engine.record;

/** A deployed decision requirements graph (one DMN resource) version, with the XML it was parsed from. */
public record DecisionRequirementsRecord(
    String decisionRequirementsId,
    String decisionRequirementsName,
    int version,
    String resourceName,
    String resource,
    String checksum,
    long deploymentKey,
    String tenantId) implements RecordValue {}

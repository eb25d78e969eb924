package cn.relief.engine.record;

/**
 * A deployed decision version; its logic is in the decision requirements graph it belongs to.
 *
 * @param versionTag the decision's {@code zeebe:versionTag}, or null
 */
public record DecisionRecord(
    String decisionId,
    String decisionName,
    int version,
    long decisionRequirementsKey,
    String decisionRequirementsId,
    long deploymentKey,
    String versionTag,
    String tenantId) implements RecordValue {}

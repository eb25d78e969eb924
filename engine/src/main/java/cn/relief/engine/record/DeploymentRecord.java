package cn.relief.engine.record;

import java.util.List;

/**
 * What a deployment deployed. Records written before decisions or forms existed have no such
 * lists; they read back as empty.
 */
public record DeploymentRecord(
    String tenantId,
    List<ProcessMetadata> processes,
    List<DecisionRequirementsMetadata> decisionRequirements,
    List<DecisionMetadata> decisions,
    List<FormMetadata> forms) implements RecordValue {

  public DeploymentRecord {
    decisionRequirements = decisionRequirements == null ? List.of() : decisionRequirements;
    decisions = decisions == null ? List.of() : decisions;
    forms = forms == null ? List.of() : forms;
  }

  public DeploymentRecord(String tenantId, List<ProcessMetadata> processes) {
    this(tenantId, processes, List.of(), List.of(), List.of());
  }

  public record FormMetadata(
      String formId, int version, long formKey, String resourceName, String checksum, boolean duplicate) {}

  public record ProcessMetadata(
      String bpmnProcessId, int version, long processDefinitionKey, String resourceName, String checksum, boolean duplicate) {}

  public record DecisionRequirementsMetadata(
      String decisionRequirementsId, String decisionRequirementsName, int version, long decisionRequirementsKey,
      String resourceName, String checksum, boolean duplicate) {}

  public record DecisionMetadata(
      String decisionId, String decisionName, int version, long decisionKey, String decisionRequirementsId,
      long decisionRequirementsKey, boolean duplicate) {}
}

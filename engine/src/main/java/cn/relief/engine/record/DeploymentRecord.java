package cn.relief.engine.record;

import java.util.List;

public record DeploymentRecord(String tenantId, List<ProcessMetadata> processes) implements RecordValue {
  public record ProcessMetadata(
      String bpmnProcessId, int version, long processDefinitionKey, String resourceName, String checksum, boolean duplicate) {}
}

package cn.relief.engine.record;

import java.util.List;

/**
 * A process instance moved to another process definition: the plan as asked (target and element
 * mappings), where the instance came from, and who asked (a batch's items: its creator).
 */
public record ProcessInstanceMigrationRecord(
    long processInstanceKey,
    long sourceProcessDefinitionKey,
    long targetProcessDefinitionKey,
    List<MappingInstruction> mappingInstructions,
    String bpmnProcessId,
    String tenantId,
    String requestedBy) implements RecordValue {

  /** An element of the source definition and the element of the target it becomes. */
  public record MappingInstruction(String sourceElementId, String targetElementId) {}
}

package cn.relief.engine.record;

import java.util.List;
import java.util.Map;

/**
 * A running process instance was modified by a person: elements activated (with variables) and
 * element instances terminated, as the instructions asked. {@code terminatedElementInstanceKeys}
 * are the instances actually terminated: those asked for, or the flow scope they left empty.
 * {@code requestedBy} names who asked.
 */
public record ProcessInstanceModificationRecord(
    long processInstanceKey,
    List<ActivateInstruction> activateInstructions,
    List<TerminateInstruction> terminateInstructions,
    List<Long> activatedElementInstanceKeys,
    List<Long> terminatedElementInstanceKeys,
    String bpmnProcessId,
    long processDefinitionKey,
    String tenantId,
    String requestedBy) implements RecordValue {

  /** An element to activate, optionally in a chosen ancestor scope instance (-1: none chosen). */
  public record ActivateInstruction(String elementId, long ancestorElementInstanceKey,
      List<VariableInstruction> variableInstructions) {}

  /** Variables for the activation; an empty scope id means the process instance's (global) scope. */
  public record VariableInstruction(Map<String, Object> variables, String scopeId) {}

  public record TerminateInstruction(long elementInstanceKey) {}
}

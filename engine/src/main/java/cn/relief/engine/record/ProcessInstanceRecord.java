package cn.relief.engine.record;

import cn.relief.engine.bpmn.BpmnElementType;

/** The lifecycle of one element instance (the process itself, an event, a task, a flow). */
public record ProcessInstanceRecord(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    BpmnElementType bpmnElementType,
    long flowScopeKey,
    String tenantId) implements RecordValue {

  public ProcessInstanceRecord withElement(String elementId, BpmnElementType type, long flowScopeKey) {
    return new ProcessInstanceRecord(
        bpmnProcessId, version, processDefinitionKey, processInstanceKey, elementId, type, flowScopeKey, tenantId);
  }
}

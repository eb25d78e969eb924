package cn.relief.engine.record;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnEventType;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The lifecycle of one element instance (the process itself, an event, a task, a flow). A process
 * instance started by a call activity names its parent instance and the call activity's instance.
 */
public record ProcessInstanceRecord(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    String elementId,
    BpmnElementType bpmnElementType,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AbsentValue.class) BpmnEventType bpmnEventType,
    long flowScopeKey,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AbsentValue.class) long parentProcessInstanceKey,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = AbsentValue.class) long parentElementInstanceKey,
    String tenantId) implements RecordValue {

  /** The record of a new process instance (the process element itself), called or not. */
  public static ProcessInstanceRecord ofProcess(long processDefinitionKey, ProcessRecord process, long key,
      long parentProcessInstanceKey, long parentElementInstanceKey) {
    return new ProcessInstanceRecord(process.bpmnProcessId(), process.version(), processDefinitionKey, key,
        process.bpmnProcessId(), BpmnElementType.PROCESS, BpmnEventType.UNSPECIFIED, -1, parentProcessInstanceKey,
        parentElementInstanceKey, process.tenantId());
  }

  public ProcessInstanceRecord withElement(String elementId, BpmnElementType type, BpmnEventType eventType,
      long flowScopeKey) {
    return new ProcessInstanceRecord(bpmnProcessId, version, processDefinitionKey, processInstanceKey, elementId, type,
        eventType, flowScopeKey, parentProcessInstanceKey, parentElementInstanceKey, tenantId);
  }

  /** The same element instance, now of an element of another process definition. */
  public ProcessInstanceRecord migrated(String newBpmnProcessId, int newVersion, long newProcessDefinitionKey,
      String newElementId) {
    return new ProcessInstanceRecord(newBpmnProcessId, newVersion, newProcessDefinitionKey, processInstanceKey,
        newElementId, bpmnElementType, bpmnEventType, flowScopeKey, parentProcessInstanceKey, parentElementInstanceKey,
        tenantId);
  }
}

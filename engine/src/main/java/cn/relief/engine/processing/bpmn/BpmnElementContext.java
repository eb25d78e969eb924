package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.ProcessInstanceRecord;

/** One element instance being processed, with the element it instantiates. */
public record BpmnElementContext(
    CommandContext command, long key, ProcessInstanceRecord record, ExecutableFlowNode element) {

  public long flowScopeKey() {
    return record.flowScopeKey();
  }

  public long processInstanceKey() {
    return record.processInstanceKey();
  }

  public String elementId() {
    return record.elementId();
  }
}

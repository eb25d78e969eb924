package cn.relief.engine.bpmn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A process ready to run: its elements by id and its none start event. */
public final class ExecutableProcess {
  private final String bpmnProcessId;
  private final Map<String, ExecutableFlowNode> nodes = new LinkedHashMap<>();
  private final Map<String, ExecutableSequenceFlow> flows = new LinkedHashMap<>();
  private ExecutableFlowNode noneStartEvent;

  ExecutableProcess(String bpmnProcessId) {
    this.bpmnProcessId = bpmnProcessId;
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  public ExecutableFlowNode node(String id) {
    return nodes.get(id);
  }

  public ExecutableSequenceFlow flow(String id) {
    return flows.get(id);
  }

  public Map<String, ExecutableFlowNode> nodes() {
    return Collections.unmodifiableMap(nodes);
  }

  public ExecutableFlowNode noneStartEvent() {
    return noneStartEvent;
  }

  void add(ExecutableFlowNode node) {
    nodes.put(node.id(), node);
  }

  void add(ExecutableSequenceFlow flow) {
    flows.put(flow.id(), flow);
  }

  void setNoneStartEvent(ExecutableFlowNode node) {
    this.noneStartEvent = node;
  }
}

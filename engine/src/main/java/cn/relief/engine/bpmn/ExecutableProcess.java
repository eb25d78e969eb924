package cn.relief.engine.bpmn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A process ready to run: the process node (the root flow scope) and every element by id. */
public final class ExecutableProcess {
  private final String bpmnProcessId;
  private final ExecutableFlowNode root;
  private final Map<String, ExecutableFlowNode> nodes = new LinkedHashMap<>();
  private final Map<String, ExecutableSequenceFlow> flows = new LinkedHashMap<>();
  private String versionTag;

  ExecutableProcess(String bpmnProcessId, String name) {
    this.bpmnProcessId = bpmnProcessId;
    this.root = new ExecutableFlowNode(bpmnProcessId, name, BpmnElementType.PROCESS);
  }

  public String bpmnProcessId() {
    return bpmnProcessId;
  }

  /** The process itself. */
  public ExecutableFlowNode root() {
    return root;
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
    return root.noneStartEvent();
  }

  /** The {@code zeebe:versionTag} of the process, or null. */
  public String versionTag() {
    return versionTag;
  }

  void add(ExecutableFlowNode node) {
    nodes.put(node.id(), node);
  }

  void add(ExecutableSequenceFlow flow) {
    flows.put(flow.id(), flow);
  }

  void setVersionTag(String versionTag) {
    this.versionTag = versionTag;
  }
}

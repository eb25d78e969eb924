package cn.relief.engine.bpmn;

import java.util.ArrayList;
import java.util.List;

/**
 * One executable element of a process after transformation: its kind, flows and the parts the
 * processors need (job definition, mappings, default flow). Immutable once the process is built.
 */
public final class ExecutableFlowNode {
  private final String id;
  private final String name;
  private final BpmnElementType type;
  private final List<ExecutableSequenceFlow> incoming = new ArrayList<>();
  private final List<ExecutableSequenceFlow> outgoing = new ArrayList<>();
  private List<Mapping> inputMappings = List.of();
  private List<Mapping> outputMappings = List.of();
  private JobDefinition jobDefinition;
  private ExecutableSequenceFlow defaultFlow;

  ExecutableFlowNode(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public BpmnElementType type() {
    return type;
  }

  public List<ExecutableSequenceFlow> incoming() {
    return incoming;
  }

  public List<ExecutableSequenceFlow> outgoing() {
    return outgoing;
  }

  public List<Mapping> inputMappings() {
    return inputMappings;
  }

  public List<Mapping> outputMappings() {
    return outputMappings;
  }

  public JobDefinition jobDefinition() {
    return jobDefinition;
  }

  public ExecutableSequenceFlow defaultFlow() {
    return defaultFlow;
  }

  void setMappings(List<Mapping> inputs, List<Mapping> outputs) {
    this.inputMappings = List.copyOf(inputs);
    this.outputMappings = List.copyOf(outputs);
  }

  void setJobDefinition(JobDefinition jobDefinition) {
    this.jobDefinition = jobDefinition;
  }

  void setDefaultFlow(ExecutableSequenceFlow defaultFlow) {
    this.defaultFlow = defaultFlow;
  }
}

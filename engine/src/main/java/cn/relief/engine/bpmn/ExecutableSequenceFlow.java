package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** A sequence flow; {@code condition} is null when the flow has none. */
public final class ExecutableSequenceFlow {
  private final String id;
  private final Expression condition;
  private ExecutableFlowNode source;
  private ExecutableFlowNode target;

  ExecutableSequenceFlow(String id, Expression condition) {
    this.id = id;
    this.condition = condition;
  }

  public String id() {
    return id;
  }

  public Expression condition() {
    return condition;
  }

  public ExecutableFlowNode source() {
    return source;
  }

  public ExecutableFlowNode target() {
    return target;
  }

  void connect(ExecutableFlowNode from, ExecutableFlowNode to) {
    this.source = from;
    this.target = to;
  }
}

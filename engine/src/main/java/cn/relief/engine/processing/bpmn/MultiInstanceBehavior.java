package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.LoopCharacteristics;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.VariableState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The part of multi-instance that runs when an inner instance completes, while its variables still
 * exist: the output element goes into the output collection, the counters move, and the completion
 * condition is evaluated.
 */
final class MultiInstanceBehavior {
  static final String LOOP_COUNTER = "loopCounter";
  static final String NUMBER_OF_INSTANCES = "numberOfInstances";
  static final String NUMBER_OF_ACTIVE_INSTANCES = "numberOfActiveInstances";
  static final String NUMBER_OF_COMPLETED_INSTANCES = "numberOfCompletedInstances";
  static final String NUMBER_OF_TERMINATED_INSTANCES = "numberOfTerminatedInstances";

  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;

  MultiInstanceBehavior(ExpressionLanguage expressions, VariableBehavior variables, IncidentBehavior incidents) {
    this.expressions = expressions;
    this.variables = variables;
    this.incidents = incidents;
  }

  /** False (with an incident raised) if the output element or completion condition failed. */
  boolean beforeInnerCompleted(BpmnElementContext inner) {
    LoopCharacteristics loop = inner.element().loop();
    if (loop == null || inner.record().bpmnElementType() == BpmnElementType.MULTI_INSTANCE_BODY) {
      return true;
    }
    CommandContext ctx = inner.command();
    ElementInstance body = ctx.state().elementInstances().get(inner.flowScopeKey());
    long bodyKey = body.key();
    Map<String, Object> context = variables.visible(ctx.state(), inner.key());
    Object outputElement = null;
    if (loop.outputCollection() != null) {
      EvaluationResult output = expressions.evaluate(loop.outputElement(), context);
      if (output.isFailure()) {
        incidents.raiseElementIncident(inner, ErrorType.EXTRACT_VALUE_ERROR, output.failure(),
            IncidentBehavior.RetryStep.COMPLETE);
        return false;
      }
      outputElement = output.value();
    }
    long completed = number(ctx, bodyKey, NUMBER_OF_COMPLETED_INSTANCES) + 1;
    long active = Math.max(0, number(ctx, bodyKey, NUMBER_OF_ACTIVE_INSTANCES) - 1);
    boolean conditionMet = false;
    if (loop.completionCondition() != null) {
      context.put(NUMBER_OF_COMPLETED_INSTANCES, completed);
      context.put(NUMBER_OF_ACTIVE_INSTANCES, active);
      EvaluationResult condition = expressions.evaluateBoolean(loop.completionCondition(), context);
      if (condition.isFailure()) {
        incidents.raiseElementIncident(inner, ErrorType.EXTRACT_VALUE_ERROR, condition.failure(),
            IncidentBehavior.RetryStep.COMPLETE);
        return false;
      }
      conditionMet = Boolean.TRUE.equals(condition.value());
    }
    if (loop.outputCollection() != null) {
      VariableState.Variable collection = ctx.state().variables().get(bodyKey, loop.outputCollection());
      List<Object> updated = collection != null && collection.value() instanceof List<?> list
          ? new ArrayList<>(list) : new ArrayList<>();
      int index = (int) number(ctx, inner.key(), LOOP_COUNTER) - 1;
      while (updated.size() <= index) {
        updated.add(null);
      }
      if (index >= 0) {
        updated.set(index, outputElement);
      }
      variables.setLocal(ctx, bodyKey, body.value(), loop.outputCollection(), updated);
    }
    variables.setLocal(ctx, bodyKey, body.value(), NUMBER_OF_COMPLETED_INSTANCES, completed);
    variables.setLocal(ctx, bodyKey, body.value(), NUMBER_OF_ACTIVE_INSTANCES, active);
    if (conditionMet) {
      ctx.continuations().completionConditionMet(bodyKey);
    }
    return true;
  }

  static long number(CommandContext ctx, long scopeKey, String name) {
    VariableState.Variable variable = ctx.state().variables().get(scopeKey, name);
    return variable != null && variable.value() instanceof Number n ? n.longValue() : 0;
  }
}

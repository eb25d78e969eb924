package cn.relief.engine.processing.bpmn;

import static cn.relief.engine.processing.bpmn.MultiInstanceBehavior.LOOP_COUNTER;
import static cn.relief.engine.processing.bpmn.MultiInstanceBehavior.NUMBER_OF_ACTIVE_INSTANCES;
import static cn.relief.engine.processing.bpmn.MultiInstanceBehavior.NUMBER_OF_COMPLETED_INSTANCES;
import static cn.relief.engine.processing.bpmn.MultiInstanceBehavior.NUMBER_OF_INSTANCES;
import static cn.relief.engine.processing.bpmn.MultiInstanceBehavior.NUMBER_OF_TERMINATED_INSTANCES;

import cn.relief.engine.bpmn.LoopCharacteristics;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.VariableState;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The body of a multi-instance activity: one inner instance per item of the input collection, all
 * at once (parallel) or one after another (sequential), each with its item and {@code loopCounter}
 * as local variables; it completes when all are done or the completion condition holds, and then
 * hands the output collection to its flow scope.
 */
final class MultiInstanceBodyProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;

  MultiInstanceBodyProcessor(BpmnBehaviors behaviors) {
    this.behaviors = behaviors;
  }

  @Override
  public void onActivate(BpmnElementContext body) {
    List<?> items = inputCollection(body);
    if (items == null) {
      return;
    }
    String failure = behaviors.subscriptions().subscribe(body);
    if (failure != null) {
      behaviors.incidents().raiseElementIncident(
          body, ErrorType.EXTRACT_VALUE_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
      return;
    }
    behaviors.transitions().transitionToActivated(body);
    LoopCharacteristics loop = body.element().loop();
    int count = items.size();
    setLocal(body, NUMBER_OF_INSTANCES, (long) count);
    setLocal(body, NUMBER_OF_ACTIVE_INSTANCES, (long) (loop.sequential() ? Math.min(1, count) : count));
    setLocal(body, NUMBER_OF_COMPLETED_INSTANCES, 0L);
    setLocal(body, NUMBER_OF_TERMINATED_INSTANCES, 0L);
    if (loop.outputCollection() != null) {
      setLocal(body, loop.outputCollection(), new ArrayList<>(Collections.nCopies(count, null)));
    }
    if (count == 0) {
      behaviors.transitions().completeElement(body);
    } else if (loop.sequential()) {
      activateInner(body, 0, items.get(0));
    } else {
      for (int i = 0; i < count; i++) {
        activateInner(body, i, items.get(i));
      }
    }
  }

  /** The evaluated input collection, or null with an incident raised. */
  private List<?> inputCollection(BpmnElementContext body) {
    LoopCharacteristics loop = body.element().loop();
    Map<String, Object> context = behaviors.variables().visible(body.command().state(), body.key());
    EvaluationResult result = behaviors.expressions().evaluate(loop.inputCollection(), context);
    String failure = result.failure();
    if (failure == null && !(result.value() instanceof List<?>)) {
      failure = "Expected result of the expression '" + loop.inputCollection().text()
          + "' to be 'ARRAY', but was '" + typeName(result.value()) + "'.";
    }
    if (failure != null) {
      behaviors.incidents().raiseElementIncident(
          body, ErrorType.EXTRACT_VALUE_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
      return null;
    }
    return (List<?>) result.value();
  }

  private static String typeName(Object value) {
    if (value == null) {
      return "NULL";
    }
    return value instanceof String ? "STRING" : value instanceof Number ? "NUMBER"
        : value instanceof Boolean ? "BOOLEAN" : value instanceof Map ? "OBJECT" : "UNKNOWN";
  }

  private void activateInner(BpmnElementContext body, int index, Object item) {
    CommandContext ctx = body.command();
    long key = behaviors.transitions().activate(ctx, body.key(), body.record(), body.element(), body.element().type());
    var innerRecord = body.record().withElement(
        body.element().id(), body.element().type(), body.element().eventType(), body.key());
    String inputElement = body.element().loop().inputElement();
    if (inputElement != null) {
      behaviors.variables().setLocal(ctx, key, innerRecord, inputElement, item);
    }
    behaviors.variables().setLocal(ctx, key, innerRecord, LOOP_COUNTER, (long) index + 1);
  }

  @Override
  public boolean onChildEnded(BpmnElementContext body, BpmnElementContext child, boolean completed) {
    CommandContext ctx = body.command();
    ElementInstance instance = ctx.state().elementInstances().get(body.key());
    if (ctx.continuations().takeCompletionConditionMet(body.key())) {
      if (instance.activeChildren() > 0) {
        setLocal(body, NUMBER_OF_TERMINATED_INSTANCES, MultiInstanceBehavior.number(ctx, body.key(),
            NUMBER_OF_TERMINATED_INSTANCES) + instance.activeChildren());
        ctx.continuations().afterChildrenEnded(body.key(), () -> behaviors.transitions().completeIfStillActivated(body));
        behaviors.transitions().terminateChildren(ctx, body.key());
      } else {
        ctx.schedule(() -> behaviors.transitions().completeIfStillActivated(body));
      }
      return true;
    }
    LoopCharacteristics loop = body.element().loop();
    long done = MultiInstanceBehavior.number(ctx, body.key(), NUMBER_OF_COMPLETED_INSTANCES);
    long total = MultiInstanceBehavior.number(ctx, body.key(), NUMBER_OF_INSTANCES);
    if (completed && loop.sequential() && done < total) {
      List<?> items = inputCollection(body);
      if (items == null) {
        return true;
      }
      if (done >= items.size()) {
        behaviors.incidents().raiseElementIncident(body, ErrorType.EXTRACT_VALUE_ERROR,
            "Expected the input collection '" + loop.inputCollection().text() + "' to still have " + total
                + " items, but it has " + items.size(), IncidentBehavior.RetryStep.NONE);
        return true;
      }
      setLocal(body, NUMBER_OF_ACTIVE_INSTANCES, 1L);
      activateInner(body, (int) done, items.get((int) done));
      return true;
    }
    if (instance.activeChildren() == 0) {
      ctx.schedule(() -> behaviors.transitions().completeIfStillActivated(body));
    }
    return true;
  }

  @Override
  public void onComplete(BpmnElementContext body) {
    String outputCollection = body.element().loop().outputCollection();
    if (outputCollection != null) {
      VariableState.Variable collection = body.command().state().variables().get(body.key(), outputCollection);
      Map<String, Object> output = new java.util.HashMap<>();
      output.put(outputCollection, collection == null ? List.of() : collection.value());
      behaviors.variables().mergePropagate(body.command(), body.flowScopeKey(), body.record(), output);
    }
    behaviors.transitions().transitionToCompleted(body);
    behaviors.transitions().takeOutgoingFlows(body);
  }

  @Override
  public void onTerminate(BpmnElementContext body) {
    behaviors.terminateScope(body);
  }

  private void setLocal(BpmnElementContext body, String name, Object value) {
    behaviors.variables().setLocal(body.command(), body.key(), body.record(), name, value);
  }
}

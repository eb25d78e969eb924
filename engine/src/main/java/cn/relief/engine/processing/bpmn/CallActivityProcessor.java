package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.CalledElement;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.ElementInstance;
import cn.relief.engine.state.ElementState;
import java.util.HashMap;
import java.util.Map;

/**
 * A call activity starts an instance of another process (latest version, the one deployed with the
 * caller, or the one with a version tag), passes variables down, waits for it and takes its
 * variables back. Terminating the call activity terminates the called instance.
 */
final class CallActivityProcessor implements BpmnElementProcessor {
  private final BpmnBehaviors behaviors;
  private final BpmnElementProcessors processors;

  CallActivityProcessor(BpmnBehaviors behaviors, BpmnElementProcessors processors) {
    this.behaviors = behaviors;
    this.processors = processors;
  }

  @Override
  public void onActivate(BpmnElementContext element) {
    if (!behaviors.prepareActivation(element)) {
      return;
    }
    CommandContext ctx = element.command();
    CalledElement called = element.element().calledElement();
    EvaluationResult processId = behaviors.expressions().evaluateString(
        called.processId(), behaviors.variables().visible(ctx.state(), element.key()));
    if (processId.isFailure()) {
      behaviors.failActivation(element, ErrorType.EXTRACT_VALUE_ERROR, processId.failure());
      return;
    }
    String id = (String) processId.value();
    DeployedProcess process = find(ctx, element, called, id);
    if (process == null) {
      String binding = switch (called.bindingType()) {
        case LATEST -> "";
        case DEPLOYMENT -> " in the same deployment as the calling process";
        case VERSION_TAG -> " with version tag '" + called.versionTag() + "'";
      };
      behaviors.failActivation(element, ErrorType.CALLED_ELEMENT_ERROR,
          "Expected process with BPMN process id '" + id + "'" + binding + " to be deployed, but not found.");
      return;
    }
    if (process.executable().noneStartEvent() == null) {
      behaviors.failActivation(element, ErrorType.CALLED_ELEMENT_ERROR,
          "Expected process with BPMN process id '" + id + "' to have a none start event, but not found.");
      return;
    }
    behaviors.transitions().transitionToActivated(element);
    long childKey = ctx.state().keys().nextKey();
    ProcessInstanceRecord child = ProcessInstanceRecord.ofProcess(
        process.key(), process.record(), childKey, element.processInstanceKey(), element.key());
    ctx.writer().appendEvent(childKey, ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, child);
    Map<String, Object> passed;
    if (called.propagateAllParentVariables()) {
      passed = behaviors.variables().visible(ctx.state(), element.key());
    } else {
      passed = new HashMap<>();
      ctx.state().variables().local(element.key()).forEach((name, variable) -> passed.put(name, variable.value()));
    }
    behaviors.variables().mergeLocal(ctx, childKey, child, passed);
    processors.retryActivation(new BpmnElementContext(ctx, childKey, child, process.executable().root()));
  }

  private static DeployedProcess find(CommandContext ctx, BpmnElementContext element, CalledElement called, String id) {
    return switch (called.bindingType()) {
      case LATEST -> ctx.state().processes().latest(id);
      case DEPLOYMENT -> {
        DeployedProcess caller = ctx.state().processes().byKey(element.record().processDefinitionKey());
        yield ctx.state().processes().byDeployment(id, caller.record().deploymentKey());
      }
      case VERSION_TAG -> ctx.state().processes().latestWithVersionTag(id, called.versionTag());
    };
  }

  /** The called instance completed: its variables come back to the call activity. */
  static void takeOverChildVariables(BpmnBehaviors behaviors, BpmnElementContext callActivity,
      Map<String, Object> childVariables) {
    CommandContext ctx = callActivity.command();
    if (!callActivity.element().outputMappings().isEmpty()) {
      behaviors.variables().mergeLocal(ctx, callActivity.key(), callActivity.record(), childVariables);
    } else if (callActivity.element().calledElement().propagateAllChildVariables()) {
      behaviors.variables().mergePropagate(ctx, callActivity.key(), callActivity.record(), childVariables);
    }
  }

  @Override
  public void onComplete(BpmnElementContext element) {
    behaviors.completeWithOutputMappings(element);
  }

  @Override
  public void onTerminate(BpmnElementContext element) {
    CommandContext ctx = element.command();
    ElementInstance instance = ctx.state().elementInstances().get(element.key());
    ElementInstance child = instance.calledChildKey() > 0
        ? ctx.state().elementInstances().get(instance.calledChildKey()) : null;
    if (child != null && child.state().isActive()) {
      if (child.state() != ElementState.TERMINATING) {
        behaviors.transitions().terminateElement(processors.contextOf(ctx, child));
      }
      return; // the called instance's termination brings us back here
    }
    behaviors.terminateLeaf(element);
  }

}

package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BusinessRuleTask;
import io.camunda.zeebe.model.bpmn.instance.CallActivity;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.ScriptTask;
import io.camunda.zeebe.model.bpmn.instance.SendTask;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads what tasks and activities need: job definitions, scripts, called decisions and processes,
 * multi-instance, input/output mappings.
 */
final class ElementReader {
  private final ExpressionLanguage expressions;
  private final Problems problems;

  ElementReader(ExpressionLanguage expressions, Problems problems) {
    this.expressions = expressions;
    this.problems = problems;
  }

  void read(FlowNode element, ExecutableFlowNode node) {
    ZeebeIoMapping ioMapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (ioMapping != null) {
      node.setMappings(mappings(element, ioMapping.getInputs()), mappings(element, ioMapping.getOutputs()));
    }
    if (element instanceof ServiceTask || element instanceof SendTask) {
      node.setJobDefinition(requireJob(element));
    } else if (element instanceof ScriptTask) {
      readScript(element, node);
    } else if (element instanceof BusinessRuleTask) {
      readBusinessRule(element, node);
    } else if (element instanceof CallActivity) {
      readCalledElement(element, node);
    } else if (element instanceof UserTask userTask) {
      node.setUserTask(new UserTaskReader(this, problems).read(userTask));
    }
    if (element instanceof Activity activity) {
      node.setForCompensation(activity.isForCompensation());
      readLoop(activity, node);
    }
  }

  /** The job of a job-based element; reports a missing or invalid job type. */
  JobDefinition requireJob(FlowNode element) {
    ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
      problems.add(element, "expected a job type (zeebe:taskDefinition type), but found none");
      return null;
    }
    Expression type = parse(element, "job type", definition.getType());
    String retriesText = definition.getRetries() == null ? "3" : definition.getRetries();
    Expression retries = parse(element, "retries", retriesText);
    if (retries != null && !retries.isFeel()) {
      try {
        Integer.parseInt(retriesText.trim());
      } catch (NumberFormatException e) {
        problems.add(element, "expected the retries to be a number or an expression, but found '" + retriesText + "'");
      }
    }
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
    if (taskHeaders != null) {
      for (ZeebeHeader header : taskHeaders.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return type == null || retries == null ? null : new JobDefinition(type, retries, Map.copyOf(headers));
  }

  private void readScript(FlowNode element, ExecutableFlowNode node) {
    ZeebeScript script = element.getSingleExtensionElement(ZeebeScript.class);
    ZeebeTaskDefinition job = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
    if (script == null) {
      if (job == null) {
        problems.add(element, "expected a FEEL script (zeebe:script) or a job (zeebe:taskDefinition), but found neither");
      } else {
        node.setJobDefinition(requireJob(element));
      }
      return;
    }
    if (script.getExpression() == null || script.getExpression().isBlank()) {
      problems.add(element, "expected a script expression (zeebe:script expression), but found none");
      return;
    }
    if (script.getResultVariable() == null || script.getResultVariable().isBlank()) {
      problems.add(element, "expected a result variable (zeebe:script resultVariable), but found none");
      return;
    }
    Expression expression = parse(element, "script expression", feel(script.getExpression()));
    if (expression != null) {
      node.setScript(new ScriptDefinition(expression, script.getResultVariable().trim()));
    }
  }

  private void readBusinessRule(FlowNode element, ExecutableFlowNode node) {
    ZeebeCalledDecision decision = element.getSingleExtensionElement(ZeebeCalledDecision.class);
    if (decision == null) {
      if (element.getSingleExtensionElement(ZeebeTaskDefinition.class) == null) {
        problems.add(element, "expected a called decision (zeebe:calledDecision) or a job (zeebe:taskDefinition), "
            + "but found neither");
      } else {
        node.setJobDefinition(requireJob(element));
      }
      return;
    }
    if (decision.getDecisionId() == null || decision.getDecisionId().isBlank()) {
      problems.add(element, "expected a decision id (zeebe:calledDecision decisionId), but found none");
      return;
    }
    if (decision.getResultVariable() == null || decision.getResultVariable().isBlank()) {
      problems.add(element, "expected a result variable (zeebe:calledDecision resultVariable), but found none");
      return;
    }
    BindingType binding = binding(element, decision.getBindingType(), decision.getVersionTag());
    Expression decisionId = parse(element, "decision id", decision.getDecisionId());
    if (decisionId != null && binding != null) {
      node.setCalledDecision(new CalledDecision(
          decisionId, decision.getResultVariable().trim(), binding, decision.getVersionTag()));
    }
  }

  private void readCalledElement(FlowNode element, ExecutableFlowNode node) {
    ZeebeCalledElement called = element.getSingleExtensionElement(ZeebeCalledElement.class);
    if (called == null || called.getProcessId() == null || called.getProcessId().isBlank()) {
      problems.add(element, "expected the id of the called process (zeebe:calledElement processId), but found none");
      return;
    }
    BindingType binding = binding(element, called.getBindingType(), called.getVersionTag());
    Expression processId = parse(element, "called process id", called.getProcessId());
    if (processId != null && binding != null) {
      node.setCalledElement(new CalledElement(processId, binding, called.getVersionTag(),
          called.isPropagateAllChildVariablesEnabled(), called.isPropagateAllParentVariablesEnabled()));
    }
  }

  BindingType binding(FlowNode element, ZeebeBindingType type, String versionTag) {
    if (type == null || type == ZeebeBindingType.latest) {
      return BindingType.LATEST;
    } else if (type == ZeebeBindingType.deployment) {
      return BindingType.DEPLOYMENT;
    }
    if (versionTag == null || versionTag.isBlank()) {
      problems.add(element, "expected a version tag with binding type 'versionTag', but found none");
      return null;
    }
    return BindingType.VERSION_TAG;
  }

  private void readLoop(Activity activity, ExecutableFlowNode node) {
    // the model API does not know standard loops and would drop them: look at the XML itself
    boolean standardLoop = activity.getDomElement().getChildElements().stream()
        .anyMatch(child -> "standardLoopCharacteristics".equals(child.getLocalName()));
    if (standardLoop) {
      problems.add(activity, "standard loops are not supported (as in Camunda 8.8); use multi-instance");
      return;
    }
    if (activity.getLoopCharacteristics() == null) {
      return;
    }
    if (!(activity.getLoopCharacteristics() instanceof MultiInstanceLoopCharacteristics multiInstance)) {
      problems.add(activity, "standard loops are not supported (as in Camunda 8.8); use multi-instance");
      return;
    }
    ZeebeLoopCharacteristics zeebe = multiInstance.getSingleExtensionElement(ZeebeLoopCharacteristics.class);
    if (zeebe == null || zeebe.getInputCollection() == null || zeebe.getInputCollection().isBlank()) {
      problems.add(activity, "expected an input collection (zeebe:loopCharacteristics inputCollection) on the "
          + "multi-instance activity, but found none");
      return;
    }
    Expression inputCollection = parse(activity, "input collection", feel(zeebe.getInputCollection()));
    Expression outputElement = null;
    String outputCollection = blankToNull(zeebe.getOutputCollection());
    if (outputCollection != null) {
      if (zeebe.getOutputElement() == null || zeebe.getOutputElement().isBlank()) {
        problems.add(activity, "expected an output element with the output collection '" + outputCollection
            + "', but found none");
        return;
      }
      outputElement = parse(activity, "output element", feel(zeebe.getOutputElement()));
    } else if (zeebe.getOutputElement() != null && !zeebe.getOutputElement().isBlank()) {
      problems.add(activity, "expected an output collection with the output element, but found none");
      return;
    }
    Expression completionCondition = null;
    if (multiInstance.getCompletionCondition() != null
        && multiInstance.getCompletionCondition().getTextContent() != null
        && !multiInstance.getCompletionCondition().getTextContent().isBlank()) {
      completionCondition = parse(activity, "completion condition",
          feel(multiInstance.getCompletionCondition().getTextContent()));
    }
    if (inputCollection != null) {
      node.setLoop(new LoopCharacteristics(multiInstance.isSequential(), inputCollection,
          blankToNull(zeebe.getInputElement()), outputCollection, outputElement, completionCondition));
    }
  }

  private List<Mapping> mappings(BaseElement element, Collection<? extends ZeebeMapping> source) {
    List<Mapping> result = new ArrayList<>();
    for (ZeebeMapping mapping : source) {
      if (mapping.getTarget() == null || mapping.getTarget().isBlank()) {
        problems.add(element, "expected a target in every input/output mapping, but one has none");
        continue;
      }
      String sourceText = mapping.getSource() == null || mapping.getSource().isBlank() ? "=null" : mapping.getSource();
      // Zeebe treats a mapping source as an expression even without the leading '='
      Expression expression = parse(element, "mapping source", feel(sourceText));
      if (expression != null) {
        result.add(new Mapping(expression, mapping.getTarget().trim()));
      }
    }
    return result;
  }

  /** Attributes that are always expressions in Zeebe, with or without the leading '='. */
  private static String feel(String text) {
    return text.trim().startsWith("=") ? text : "=" + text;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }

  Expression parse(BaseElement element, String what, String text) {
    try {
      return expressions.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(element, "invalid " + what + ": " + e.getMessage());
      return null;
    }
  }
}

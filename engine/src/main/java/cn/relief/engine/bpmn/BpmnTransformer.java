package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.ServiceTask;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns a BPMN resource into executable processes, or explains precisely why it cannot: every
 * problem is collected with the element id, so that policy staff see all of them at once.
 */
public final class BpmnTransformer {
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE|<!ENTITY", Pattern.CASE_INSENSITIVE);

  private final ExpressionLanguage expressions;

  public BpmnTransformer(ExpressionLanguage expressions) {
    this.expressions = expressions;
  }

  /** The outcome: the executable processes, or the list of problems found. */
  public record Result(List<ExecutableProcess> processes, List<String> problems) {
    public boolean isValid() {
      return problems.isEmpty();
    }
  }

  public Result transform(String resourceName, byte[] resource) {
    List<String> problems = new ArrayList<>();
    String head = new String(resource, 0, Math.min(resource.length, 64 * 1024), StandardCharsets.UTF_8);
    // The XML parser underneath would resolve entities; a relief system must never let a model
    // read files or reach hosts, so any document type declaration is refused before parsing.
    if (DOCTYPE.matcher(head).find()) {
      problems.add("Expected a BPMN document without a DOCTYPE declaration or entities, but '"
          + resourceName + "' declares one (external entities are not allowed)");
      return new Result(List.of(), problems);
    }
    BpmnModelInstance model;
    try {
      model = Bpmn.readModelFromStream(new ByteArrayInputStream(resource));
    } catch (RuntimeException e) {
      problems.add("Expected a valid BPMN document in '" + resourceName + "', but it could not be parsed: "
          + rootMessage(e));
      return new Result(List.of(), problems);
    }
    List<ExecutableProcess> processes = new ArrayList<>();
    for (Process process : model.getModelElementsByType(Process.class)) {
      if (!process.isExecutable()) {
        continue;
      }
      processes.add(transformProcess(process, problems));
    }
    if (processes.isEmpty() && problems.isEmpty()) {
      problems.add("Expected at least one executable process in '" + resourceName + "', but found none");
    }
    return new Result(processes, problems);
  }

  private ExecutableProcess transformProcess(Process process, List<String> problems) {
    ExecutableProcess executable = new ExecutableProcess(process.getId());
    List<SequenceFlow> flows = new ArrayList<>();
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof SequenceFlow flow) {
        flows.add(flow);
        continue;
      }
      BpmnElementType type = typeOf(element);
      if (type == null) {
        problems.add(elementRef(element) + ": the element kind '" + element.getElementType().getTypeName()
            + "' is not supported yet");
        continue;
      }
      ExecutableFlowNode node = new ExecutableFlowNode(element.getId(), element.getName(), type);
      executable.add(node);
      configure((FlowNode) element, node, executable, problems);
    }
    for (SequenceFlow flow : flows) {
      Expression condition = null;
      if (flow.getConditionExpression() != null) {
        String text = flow.getConditionExpression().getTextContent();
        condition = parse(flow, "condition", text, problems);
        if (condition != null && !condition.isFeel()) {
          // as in Zeebe: a condition is always an expression; a static text would never be true
          problems.add(elementRef(flow) + ": expected an expression as condition, but found the static value '"
              + text.trim() + "'; an expression must start with '=' (e.g. '=" + text.trim() + "')");
          condition = null;
        }
        if (!(flow.getSource() instanceof ExclusiveGateway)) {
          problems.add(elementRef(flow) + ": conditions are only supported on flows leaving an exclusive gateway");
        }
      }
      ExecutableSequenceFlow executableFlow = new ExecutableSequenceFlow(flow.getId(), condition);
      ExecutableFlowNode source = executable.node(flow.getSource().getId());
      ExecutableFlowNode target = executable.node(flow.getTarget().getId());
      if (source == null || target == null) {
        continue; // the unsupported element is already reported
      }
      executableFlow.connect(source, target);
      source.outgoing().add(executableFlow);
      target.incoming().add(executableFlow);
      executable.add(executableFlow);
    }
    for (FlowElement element : process.getFlowElements()) {
      if (element instanceof ExclusiveGateway gateway) {
        validateExclusiveGateway(gateway, executable, problems);
      }
    }
    if (executable.noneStartEvent() == null) {
      problems.add("Process '" + process.getId() + "': expected a none start event, but found none");
    }
    return executable;
  }

  private void configure(FlowNode element, ExecutableFlowNode node, ExecutableProcess process, List<String> problems) {
    if (element instanceof StartEvent start) {
      if (!start.getEventDefinitions().isEmpty()) {
        problems.add(elementRef(element) + ": start events with event definitions are not supported yet");
      } else if (process.noneStartEvent() != null) {
        problems.add(elementRef(element) + ": expected one none start event, but '"
            + process.noneStartEvent().id() + "' is one too");
      } else {
        process.setNoneStartEvent(node);
      }
    } else if (element instanceof EndEvent end && !end.getEventDefinitions().isEmpty()) {
      problems.add(elementRef(element) + ": end events with event definitions are not supported yet");
    }
    if (element instanceof ServiceTask) {
      ZeebeTaskDefinition definition = element.getSingleExtensionElement(ZeebeTaskDefinition.class);
      if (definition == null || definition.getType() == null || definition.getType().isBlank()) {
        problems.add(elementRef(element) + ": expected a job type (zeebe:taskDefinition type), but found none");
      } else {
        Expression type = parse(element, "job type", definition.getType(), problems);
        String retriesText = definition.getRetries() == null ? "3" : definition.getRetries();
        Expression retries = parse(element, "retries", retriesText, problems);
        Map<String, String> headers = new LinkedHashMap<>();
        ZeebeTaskHeaders taskHeaders = element.getSingleExtensionElement(ZeebeTaskHeaders.class);
        if (taskHeaders != null) {
          for (ZeebeHeader header : taskHeaders.getHeaders()) {
            headers.put(header.getKey(), header.getValue());
          }
        }
        node.setJobDefinition(new JobDefinition(type, retries, Map.copyOf(headers)));
      }
    }
    ZeebeIoMapping ioMapping = element.getSingleExtensionElement(ZeebeIoMapping.class);
    if (ioMapping != null) {
      node.setMappings(
          mappings(element, ioMapping.getInputs(), problems), mappings(element, ioMapping.getOutputs(), problems));
    }
  }

  private List<Mapping> mappings(BaseElement element, java.util.Collection<? extends ZeebeMapping> source, List<String> problems) {
    List<Mapping> result = new ArrayList<>();
    for (ZeebeMapping mapping : source) {
      if (mapping.getTarget() == null || mapping.getTarget().isBlank()) {
        problems.add(elementRef(element) + ": expected a target in every input/output mapping, but one has none");
        continue;
      }
      String sourceText = mapping.getSource() == null || mapping.getSource().isBlank() ? "=null" : mapping.getSource();
      if (!sourceText.trim().startsWith("=")) {
        // Zeebe treats a mapping source as an expression even without the leading '='
        sourceText = "=" + sourceText;
      }
      Expression expression = parse(element, "mapping source", sourceText, problems);
      if (expression != null) {
        result.add(new Mapping(expression, mapping.getTarget().trim()));
      }
    }
    return result;
  }

  private void validateExclusiveGateway(ExclusiveGateway gateway, ExecutableProcess process, List<String> problems) {
    ExecutableFlowNode node = process.node(gateway.getId());
    if (node == null) {
      return;
    }
    if (gateway.getDefault() != null) {
      ExecutableSequenceFlow defaultFlow = process.flow(gateway.getDefault().getId());
      if (defaultFlow == null || defaultFlow.source() != node) {
        problems.add(elementRef(gateway) + ": the default flow must leave the gateway");
        return;
      }
      if (defaultFlow.condition() != null) {
        problems.add(elementRef(gateway) + ": the default flow '" + defaultFlow.id() + "' must not have a condition");
      }
      node.setDefaultFlow(defaultFlow);
    }
    if (node.outgoing().size() > 1) {
      for (ExecutableSequenceFlow flow : node.outgoing()) {
        if (flow.condition() == null && flow != node.defaultFlow()) {
          problems.add(elementRef(gateway) + ": expected a condition on the outgoing flow '" + flow.id()
              + "' (or make it the default flow), but found none");
        }
      }
    }
  }

  private Expression parse(BaseElement element, String what, String text, List<String> problems) {
    try {
      return expressions.parse(text);
    } catch (IllegalArgumentException e) {
      problems.add(elementRef(element) + ": invalid " + what + ": " + e.getMessage());
      return null;
    }
  }

  private static BpmnElementType typeOf(FlowElement element) {
    if (element instanceof StartEvent) {
      return BpmnElementType.START_EVENT;
    } else if (element instanceof EndEvent) {
      return BpmnElementType.END_EVENT;
    } else if (element instanceof ServiceTask) {
      return BpmnElementType.SERVICE_TASK;
    } else if (element instanceof ExclusiveGateway) {
      return BpmnElementType.EXCLUSIVE_GATEWAY;
    } else if (element instanceof ParallelGateway) {
      return BpmnElementType.PARALLEL_GATEWAY;
    }
    return null;
  }

  private static String elementRef(BaseElement element) {
    return "Element '" + element.getId() + "' (" + element.getElementType().getTypeName().toLowerCase(Locale.ROOT) + ")";
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}

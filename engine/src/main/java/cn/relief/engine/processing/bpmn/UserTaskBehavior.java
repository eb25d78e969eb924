package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.UserTaskDefinition;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.state.DeployedForm;
import cn.relief.engine.state.DeployedProcess;
import cn.relief.engine.state.FormState;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.UserTaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Creates the Camunda user task of a user task element from its evaluated definition, and cancels
 * it when the element is terminated.
 */
public final class UserTaskBehavior {
  static final int DEFAULT_PRIORITY = 50;

  private final ExpressionLanguage expressions;
  private final VariableBehavior variables;
  private final TaskListenerBehavior listeners;

  UserTaskBehavior(ExpressionLanguage expressions, VariableBehavior variables, TaskListenerBehavior listeners) {
    this.expressions = expressions;
    this.variables = variables;
    this.listeners = listeners;
  }

  /** A task ready to be created, or why it cannot be (an incident on the activating element). */
  record Evaluated(UserTaskRecord task, String failure, ErrorType errorType) {
    static Evaluated failed(String failure) {
      return new Evaluated(null, failure, ErrorType.EXTRACT_VALUE_ERROR);
    }

    static Evaluated formNotFound(String failure) {
      return new Evaluated(null, failure, ErrorType.FORM_NOT_FOUND);
    }
  }

  Evaluated evaluate(BpmnElementContext element) {
    UserTaskDefinition definition = element.element().userTask();
    Expression[] attributes = {definition.assignee(), definition.candidateGroups(), definition.candidateUsers(),
        definition.dueDate(), definition.followUpDate(), definition.priority()};
    // the variables are only gathered when an attribute is an expression
    Map<String, Object> context = Arrays.stream(attributes).anyMatch(a -> a != null && a.isFeel())
        ? variables.visible(element.command().state(), element.key())
        : Map.of();
    Object[] values = new Object[attributes.length];
    for (int i = 0; i < attributes.length; i++) {
      values[i] = evaluate(attributes[i], context);
      if (values[i] instanceof Failure failure) {
        return Evaluated.failed(failure.message());
      }
    }
    Object[] converted = {text("assignee", attributes[0], values[0]),
        list("candidateGroups", attributes[1], values[1]), list("candidateUsers", attributes[2], values[2]),
        date("dueDate", attributes[3], values[3]), date("followUpDate", attributes[4], values[4]),
        priority(attributes[5], values[5])};
    for (Object value : converted) {
      if (value instanceof Failure failure) {
        return Evaluated.failed(failure.message());
      }
    }
    String formKey = definition.formKey();
    if (definition.formId() != null) {
      // the version the binding names when the task is created is the one it is filled in with
      DeployedForm form = linkedForm(element, definition);
      if (form == null) {
        return Evaluated.formNotFound("Expected to find a form with id '" + definition.formId() + "'"
            + switch (definition.formBinding()) {
              case LATEST -> "";
              case DEPLOYMENT -> " in the same deployment as the process";
              case VERSION_TAG -> " with version tag '" + definition.formVersionTag() + "'";
            } + " for the user task, but no such form is deployed; deploy it, then resolve the incident");
      }
      formKey = String.valueOf(form.key());
    }
    UserTaskRecord task = new UserTaskRecord((String) converted[0], strings(converted[1]), strings(converted[2]),
        (String) converted[3], (String) converted[4], (Integer) converted[5], definition.formId(),
        definition.externalReference(), formKey, element.command().now(), List.of(), null, "",
        element.processInstanceKey(), element.key(), element.elementId(), element.record().bpmnProcessId(),
        element.record().version(), element.record().processDefinitionKey(), element.record().tenantId());
    return new Evaluated(task, null, null);
  }

  private static DeployedForm linkedForm(BpmnElementContext element, UserTaskDefinition definition) {
    FormState forms = element.command().state().forms();
    return switch (definition.formBinding()) {
      case LATEST -> forms.latest(definition.formId());
      case DEPLOYMENT -> {
        DeployedProcess process = element.command().state().processes().byKey(element.record().processDefinitionKey());
        yield process == null ? null : forms.inDeployment(definition.formId(), process.record().deploymentKey());
      }
      case VERSION_TAG -> forms.withVersionTag(definition.formId(), definition.formVersionTag());
    };
  }

  @SuppressWarnings("unchecked")
  private static List<String> strings(Object converted) {
    return (List<String>) converted;
  }

  void create(CommandContext ctx, UserTaskRecord task) {
    long key = ctx.state().keys().nextKey();
    ctx.writer().appendEvent(key, ValueType.USER_TASK, Intent.UserTask.CREATING, task);
    ctx.writer().appendEvent(key, ValueType.USER_TASK, Intent.UserTask.CREATED, task);
  }

  /** Cancels the open task of a terminated element, if it has one. */
  void cancel(CommandContext ctx, long elementInstanceKey) {
    UserTaskState.Task task = ctx.state().userTasks().ofElementInstance(elementInstanceKey);
    if (task != null) {
      listeners.canceled(ctx, task);
      UserTaskRecord record = task.record().withAction("");
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.CANCELING, record);
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.CANCELED, record);
    }
  }

  /** Why an attribute has no value: its expression failed, or its result has the wrong shape. */
  private record Failure(String message) {}

  private Object evaluate(Expression expression, Map<String, Object> context) {
    if (expression == null) {
      return null;
    }
    EvaluationResult result = expressions.evaluate(expression, context);
    return result.isFailure() ? new Failure(result.failure()) : result.value();
  }

  /** The converters below answer the attribute's value or a {@link Failure}. */
  private static Object text(String what, Expression expression, Object value) {
    if (value == null || value instanceof String) {
      return value == null || ((String) value).isBlank() ? null : ((String) value).trim();
    }
    return mismatch(what, expression, "STRING", value);
  }

  /** A FEEL list of strings, or a comma-separated text (static attributes are always text). */
  private static Object list(String what, Expression expression, Object value) {
    if (value == null) {
      return List.of();
    }
    if (value instanceof String text) {
      return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
    if (value instanceof Collection<?> items) {
      List<String> result = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof String s)) {
          return mismatch(what, expression, "list of strings", value);
        }
        result.add(s.trim());
      }
      return List.copyOf(result);
    }
    return mismatch(what, expression, "list of strings or a comma-separated string", value);
  }

  private static Object date(String what, Expression expression, Object value) {
    Object converted = text(what, expression, value);
    if (!(converted instanceof String text)) {
      return converted; // absent, or a failure
    }
    String normalized = UserTaskDates.normalize(text);
    return normalized != null ? normalized : new Failure("Expected the " + what + " of '" + expression.text()
        + "' to be an ISO 8601 date-time with offset, but found '" + text + "'");
  }

  private static Object priority(Expression expression, Object value) {
    if (value == null) {
      return DEFAULT_PRIORITY;
    }
    long priority;
    if (value instanceof Long number) {
      priority = number;
    } else if (value instanceof String text) {
      try {
        priority = Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return mismatch("priority", expression, "NUMBER", value);
      }
    } else {
      return mismatch("priority", expression, "NUMBER", value);
    }
    if (priority < 0 || priority > 100) {
      return new Failure("Expected the priority of '" + expression.text()
          + "' to be between 0 and 100, but was " + priority);
    }
    return (int) priority;
  }

  private static Failure mismatch(String what, Expression expression, String expected, Object value) {
    return new Failure("Expected the " + what + " of '" + expression.text() + "' to be " + expected
        + ", but found '" + value + "'");
  }
}

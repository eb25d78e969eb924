package cn.relief.engine.processing.bpmn;

import cn.relief.engine.bpmn.UserTaskDefinition;
import cn.relief.engine.feel.EvaluationResult;
import cn.relief.engine.feel.Expression;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.UserTaskState;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
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

  UserTaskBehavior(ExpressionLanguage expressions, VariableBehavior variables) {
    this.expressions = expressions;
    this.variables = variables;
  }

  /** A task ready to be created, or why it cannot be (an incident on the activating element). */
  record Evaluated(UserTaskRecord task, String failure) {
    static Evaluated failed(String failure) {
      return new Evaluated(null, failure);
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
    try {
      UserTaskRecord task = new UserTaskRecord(
          text("assignee", attributes[0], values[0]), list("candidateGroups", attributes[1], values[1]),
          list("candidateUsers", attributes[2], values[2]), date("dueDate", attributes[3], values[3]),
          date("followUpDate", attributes[4], values[4]), priority(attributes[5], values[5]), definition.formId(),
          definition.externalReference(), definition.formKey(), element.command().now(), List.of(), null, "", element.processInstanceKey(),
          element.key(), element.elementId(), element.record().bpmnProcessId(), element.record().version(),
          element.record().processDefinitionKey(), element.record().tenantId());
      return new Evaluated(task, null);
    } catch (InvalidValue e) {
      return Evaluated.failed(e.getMessage());
    }
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
      UserTaskRecord record = task.record().withAction("");
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.CANCELING, record);
      ctx.writer().appendEvent(task.key(), ValueType.USER_TASK, Intent.UserTask.CANCELED, record);
    }
  }

  private record Failure(String message) {}

  /** A FEEL result of the wrong shape; caught within this class and turned into an incident. */
  private static final class InvalidValue extends RuntimeException {
    InvalidValue(String message) {
      super(message, null, false, false);
    }
  }

  private Object evaluate(Expression expression, Map<String, Object> context) {
    if (expression == null) {
      return null;
    }
    EvaluationResult result = expressions.evaluate(expression, context);
    return result.isFailure() ? new Failure(result.failure()) : result.value();
  }

  private static String text(String what, Expression expression, Object value) {
    if (value == null || value instanceof String) {
      return value == null || ((String) value).isBlank() ? null : ((String) value).trim();
    }
    throw mismatch(what, expression, "STRING", value);
  }

  /** A FEEL list of strings, or a comma-separated text (static attributes are always text). */
  private static List<String> list(String what, Expression expression, Object value) {
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
          throw mismatch(what, expression, "list of strings", value);
        }
        result.add(s.trim());
      }
      return List.copyOf(result);
    }
    throw mismatch(what, expression, "list of strings or a comma-separated string", value);
  }

  private static String date(String what, Expression expression, Object value) {
    String text = text(what, expression, value);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toString();
    } catch (DateTimeParseException e) {
      try {
        // FEEL date-times with a zone id print as 2026-11-29T08:00+01:00[Europe/Paris]
        return ZonedDateTime.parse(text).toOffsetDateTime().toString();
      } catch (DateTimeParseException again) {
        throw new InvalidValue("Expected the " + what + " of '" + expression.text()
            + "' to be an ISO 8601 date-time with offset, but found '" + text + "'");
      }
    }
  }

  private static int priority(Expression expression, Object value) {
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
        throw mismatch("priority", expression, "NUMBER", value);
      }
    } else {
      throw mismatch("priority", expression, "NUMBER", value);
    }
    if (priority < 0 || priority > 100) {
      throw new InvalidValue("Expected the priority of '" + expression.text()
          + "' to be between 0 and 100, but was " + priority);
    }
    return (int) priority;
  }

  private static InvalidValue mismatch(String what, Expression expression, String expected, Object value) {
    return new InvalidValue("Expected the " + what + " of '" + expression.text() + "' to be " + expected
        + ", but found '" + value + "'");
  }
}

package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListenerEventType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads Camunda user tasks ({@code zeebe:userTask}). Job-based user tasks (without that element)
 * are refused: Camunda 8.8 deprecates them and this engine never ran them.
 */
final class UserTaskReader {
  private final ElementReader elements;
  private final Problems problems;

  UserTaskReader(ElementReader elements, Problems problems) {
    this.elements = elements;
    this.problems = problems;
  }

  /** True if the element is a Camunda user task; otherwise the refusal is reported. */
  static boolean isCamundaUserTask(UserTask element, Problems problems) {
    if (element.getSingleExtensionElement(ZeebeUserTask.class) != null) {
      return true;
    }
    problems.add(element, "expected a Camunda user task (extension element zeebe:userTask), but found a job-based "
        + "user task; job-based user tasks are deprecated in Camunda 8.8 and not supported by this engine");
    return false;
  }

  UserTaskDefinition read(UserTask element) {
    ZeebeAssignmentDefinition assignment = element.getSingleExtensionElement(ZeebeAssignmentDefinition.class);
    ZeebeTaskSchedule schedule = element.getSingleExtensionElement(ZeebeTaskSchedule.class);
    ZeebePriorityDefinition priority = element.getSingleExtensionElement(ZeebePriorityDefinition.class);
    ZeebeFormDefinition form = element.getSingleExtensionElement(ZeebeFormDefinition.class);
    return new UserTaskDefinition(
        optional(element, "assignee", assignment == null ? null : assignment.getAssignee()),
        optional(element, "candidate groups", assignment == null ? null : assignment.getCandidateGroups()),
        optional(element, "candidate users", assignment == null ? null : assignment.getCandidateUsers()),
        date(element, "due date", schedule == null ? null : schedule.getDueDate()),
        date(element, "follow-up date", schedule == null ? null : schedule.getFollowUpDate()),
        priority(element, priority == null ? null : priority.getPriority()),
        blankToNull(form == null ? null : form.getFormId()),
        form == null ? BindingType.LATEST : elements.binding(element, form.getBindingType(), form.getVersionTag()),
        blankToNull(form == null ? null : form.getVersionTag()),
        blankToNull(form == null ? null : form.getExternalReference()),
        blankToNull(form == null ? null : form.getFormKey()),
        listeners(element));
  }

  /**
   * The task listeners in model order. Creating and canceling listeners are refused rather than
   * ignored: a model that counts on them must not deploy as if they ran.
   */
  private List<TaskListener> listeners(UserTask element) {
    ZeebeTaskListeners declared = element.getSingleExtensionElement(ZeebeTaskListeners.class);
    if (declared == null) {
      return List.of();
    }
    List<TaskListener> listeners = new ArrayList<>();
    for (ZeebeTaskListener listener : declared.getTaskListeners()) {
      TaskListener.EventType eventType = eventType(element, listener.getEventType());
      if (listener.getType() == null || listener.getType().isBlank()) {
        problems.add(element, "expected a job type for the task listener (zeebe:taskListener type), but found none");
        continue;
      }
      Expression type = elements.parse(element, "task listener job type", listener.getType().trim());
      String retriesText = listener.getRetries() == null || listener.getRetries().isBlank()
          ? ZeebeTaskListener.DEFAULT_RETRIES : listener.getRetries().trim();
      Expression retries = elements.parse(element, "task listener retries", retriesText);
      if (retries != null && !retries.isFeel()) {
        try {
          Integer.parseInt(retriesText);
        } catch (NumberFormatException e) {
          problems.add(element, "expected the task listener's retries to be a number or an expression, but found '"
              + retriesText + "'");
        }
      }
      if (eventType != null && type != null && retries != null) {
        listeners.add(new TaskListener(eventType, type, retries));
      }
    }
    return List.copyOf(listeners);
  }

  private TaskListener.EventType eventType(UserTask element, ZeebeTaskListenerEventType declared) {
    if (declared == null) {
      problems.add(element, "expected an event type for the task listener (assigning, updating or completing), "
          + "but found none");
      return null;
    }
    return switch (declared) {
      // the names before 8.6 mean the same events
      case assigning, assignment -> TaskListener.EventType.ASSIGNING;
      case updating, update -> TaskListener.EventType.UPDATING;
      case completing, complete -> TaskListener.EventType.COMPLETING;
      case creating, create, canceling, cancel -> {
        problems.add(element, "expected task listeners of event type assigning, updating or completing, but found '"
            + declared + "'; creating and canceling listeners are not supported by this engine");
        yield null;
      }
    };
  }

  private Expression optional(UserTask element, String what, String text) {
    return text == null || text.isBlank() ? null : elements.parse(element, what, text.trim());
  }

  private Expression date(UserTask element, String what, String text) {
    Expression date = optional(element, what, text);
    if (date != null && !date.isFeel()) {
      try {
        OffsetDateTime.parse(date.text().trim());
      } catch (DateTimeParseException e) {
        problems.add(element, "expected the " + what + " to be an ISO 8601 date-time with offset "
            + "(e.g. 2026-11-29T08:00:00+08:00) or an expression, but found '" + date.text() + "'");
        return null;
      }
    }
    return date;
  }

  private Expression priority(UserTask element, String text) {
    Expression priority = optional(element, "priority", text);
    if (priority != null && !priority.isFeel()) {
      try {
        int value = Integer.parseInt(priority.text().trim());
        if (value < 0 || value > 100) {
          problems.add(element, "expected the priority to be between 0 and 100, but found " + value);
        }
      } catch (NumberFormatException e) {
        problems.add(element, "expected the priority to be a number (0 to 100) or an expression, but found '"
            + priority.text() + "'");
      }
    }
    return priority;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

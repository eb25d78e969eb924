package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

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
        blankToNull(form == null ? null : form.getExternalReference()),
        blankToNull(form == null ? null : form.getFormKey()));
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

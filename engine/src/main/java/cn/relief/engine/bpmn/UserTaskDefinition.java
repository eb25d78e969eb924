package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import java.util.List;

/**
 * What a {@code zeebe:userTask} asks of people: its assignment, schedule and priority (each static
 * or FEEL, null when absent), its linked form, kept as read (forms are resolved when a task is
 * created, by the binding), and its task listeners in the order they run.
 */
public record UserTaskDefinition(
    Expression assignee,
    Expression candidateGroups,
    Expression candidateUsers,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    String formId,
    BindingType formBinding,
    String formVersionTag,
    String externalReference,
    String formKey,
    List<TaskListener> listeners) {

  /** The listeners of one event type, in the order of the model. */
  public List<TaskListener> listeners(TaskListener.EventType eventType) {
    return listeners.stream().filter(listener -> listener.eventType() == eventType).toList();
  }
}

package cn.relief.engine.record;

import java.util.List;
import java.util.Map;

/**
 * A Camunda user task. Dates are ISO 8601 date-times as evaluated (null when unset); {@code
 * changedAttributes} names what an ASSIGNING/UPDATING event changes; {@code variables} carries what
 * a completion sent; {@code action} is the caller's label for the command (e.g. "assign",
 * "complete", or a custom one).
 */
public record UserTaskRecord(
    String assignee,
    List<String> candidateGroups,
    List<String> candidateUsers,
    String dueDate,
    String followUpDate,
    int priority,
    String formId,
    String externalFormReference,
    String formKey,
    long creationTimestamp,
    List<String> changedAttributes,
    Map<String, Object> variables,
    String action,
    long processInstanceKey,
    long elementInstanceKey,
    String elementId,
    String bpmnProcessId,
    int processDefinitionVersion,
    long processDefinitionKey,
    String tenantId) implements RecordValue {

  public UserTaskRecord withAssignee(String newAssignee, String newAction) {
    return new UserTaskRecord(newAssignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority, formId,
        externalFormReference, formKey, creationTimestamp, List.of("assignee"), null, newAction, processInstanceKey,
        elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId);
  }

  /** The task after an update: the scheduling and candidate attributes replaced, the others kept. */
  public UserTaskRecord updated(List<String> newCandidateGroups, List<String> newCandidateUsers, String newDueDate,
      String newFollowUpDate, int newPriority, List<String> changed, String newAction) {
    return new UserTaskRecord(assignee, newCandidateGroups, newCandidateUsers, newDueDate, newFollowUpDate,
        newPriority, formId, externalFormReference, formKey, creationTimestamp, changed, null, newAction,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId);
  }

  /** The task as a task listener corrected it; the change's variables and action stay. */
  public UserTaskRecord corrected(String newAssignee, List<String> newCandidateGroups, List<String> newCandidateUsers,
      String newDueDate, String newFollowUpDate, int newPriority, List<String> changed) {
    return new UserTaskRecord(newAssignee, newCandidateGroups, newCandidateUsers, newDueDate, newFollowUpDate,
        newPriority, formId, externalFormReference, formKey, creationTimestamp, List.copyOf(changed), variables, action,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId);
  }

  public UserTaskRecord completed(Map<String, Object> completionVariables, String newAction) {
    return new UserTaskRecord(assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority, formId,
        externalFormReference, formKey, creationTimestamp, List.of(), completionVariables, newAction,
        processInstanceKey, elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion,
        processDefinitionKey, tenantId);
  }

  public UserTaskRecord withAction(String newAction) {
    return new UserTaskRecord(assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority, formId,
        externalFormReference, formKey, creationTimestamp, List.of(), null, newAction, processInstanceKey,
        elementInstanceKey, elementId, bpmnProcessId, processDefinitionVersion, processDefinitionKey, tenantId);
  }

  /** The same task (assignment, dates, form kept), now of an element of another process definition. */
  public UserTaskRecord migrated(String newBpmnProcessId, int newVersion, long newProcessDefinitionKey,
      String newElementId) {
    return new UserTaskRecord(assignee, candidateGroups, candidateUsers, dueDate, followUpDate, priority, formId,
        externalFormReference, formKey, creationTimestamp, List.of(), null, "", processInstanceKey, elementInstanceKey,
        newElementId, newBpmnProcessId, newVersion, newProcessDefinitionKey, tenantId);
  }
}

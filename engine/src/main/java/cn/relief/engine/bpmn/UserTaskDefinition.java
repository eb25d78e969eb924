package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/**
 * What a {@code zeebe:userTask} asks of people: its assignment, schedule and priority (each static
 * or FEEL, null when absent) and its linked form, kept as read (forms are resolved later).
 */
public record UserTaskDefinition(
    Expression assignee,
    Expression candidateGroups,
    Expression candidateUsers,
    Expression dueDate,
    Expression followUpDate,
    Expression priority,
    String formId,
    String externalReference,
    String formKey) {}

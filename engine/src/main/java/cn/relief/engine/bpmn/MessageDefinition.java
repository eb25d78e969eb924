package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/**
 * The message a catching element waits for: its name and, except on start events, the correlation
 * key expression evaluated when the subscription opens.
 */
public record MessageDefinition(Expression name, Expression correlationKey) {}

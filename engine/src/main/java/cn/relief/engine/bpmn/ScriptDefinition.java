package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** A script task evaluated by the engine: {@code zeebe:script} (a FEEL expression and its result variable). */
public record ScriptDefinition(Expression expression, String resultVariable) {}

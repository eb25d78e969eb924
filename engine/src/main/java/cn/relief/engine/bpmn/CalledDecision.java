package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** The decision a business rule task evaluates: {@code zeebe:calledDecision}. */
public record CalledDecision(Expression decisionId, String resultVariable, BindingType bindingType, String versionTag) {}

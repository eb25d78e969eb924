package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** One {@code zeebe:input} or {@code zeebe:output}: evaluate {@code source}, store under {@code target}. */
public record Mapping(Expression source, String target) {}

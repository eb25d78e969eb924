package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/**
 * Multi-instance: one inner instance per item of {@code inputCollection}, in parallel or one after
 * the other; the optional parts are null when absent.
 */
public record LoopCharacteristics(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}

package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** What a call activity starts: {@code zeebe:calledElement}. */
public record CalledElement(
    Expression processId,
    BindingType bindingType,
    String versionTag,
    boolean propagateAllChildVariables,
    boolean propagateAllParentVariables) {}

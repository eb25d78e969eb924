package cn.relief.engine.processing.bpmn;

import cn.relief.engine.feel.ExpressionLanguage;

/** The shared behaviour every element processor may use, injected as one bundle. */
record BpmnBehaviors(
    ExpressionLanguage expressions,
    StateTransitionBehavior transitions,
    VariableBehavior variables,
    IncidentBehavior incidents,
    MappingBehavior mappings,
    JobBehavior jobs,
    ProcessResultListener results) {}

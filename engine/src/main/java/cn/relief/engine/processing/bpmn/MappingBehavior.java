package cn.relief.engine.processing.bpmn;

/**
 * Applies an element's input or output mappings and turns a failure into an incident that retries
 * the same step once resolved; the processors only ask whether they may go on.
 */
final class MappingBehavior {
  private final VariableBehavior variables;
  private final IncidentBehavior incidents;

  MappingBehavior(VariableBehavior variables, IncidentBehavior incidents) {
    this.variables = variables;
    this.incidents = incidents;
  }

  /** Applies input mappings; false (with an incident raised) if they failed. */
  boolean applyInputs(BpmnElementContext element) {
    String failure = variables.applyInputMappings(element);
    if (failure == null) {
      return true;
    }
    incidents.raiseElementIncident(element, ErrorType.IO_MAPPING_ERROR, failure, IncidentBehavior.RetryStep.ACTIVATE);
    return false;
  }

  /** Applies output mappings; false (with an incident raised) if they failed. */
  boolean applyOutputs(BpmnElementContext element) {
    String failure = variables.applyOutputMappings(element);
    if (failure == null) {
      return true;
    }
    incidents.raiseElementIncident(element, ErrorType.IO_MAPPING_ERROR, failure, IncidentBehavior.RetryStep.COMPLETE);
    return false;
  }
}

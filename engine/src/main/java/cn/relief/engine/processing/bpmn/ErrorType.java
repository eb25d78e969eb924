package cn.relief.engine.processing.bpmn;

/** Incident error types, with Zeebe's names. */
public enum ErrorType {
  JOB_NO_RETRIES,
  TASK_LISTENER_NO_RETRIES,
  FORM_NOT_FOUND,
  EXTRACT_VALUE_ERROR,
  IO_MAPPING_ERROR,
  CONDITION_ERROR,
  UNHANDLED_ERROR_EVENT,
  CALLED_ELEMENT_ERROR,
  DECISION_EVALUATION_ERROR,
  UNKNOWN
}

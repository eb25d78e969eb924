package cn.relief.workers;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;

/**
 * A business outcome that the model must route (a BPMN error with {@link #errorCode()}), as opposed
 * to a technical fault (any other exception: the job fails and is retried). Domain services throw it
 * without knowing about the engine; workers turn it into a BPMN error with {@link #toBpmnError()},
 * which the starter sends as a throw-error command.
 */
public class BusinessOutcome extends RuntimeException {

  private final String errorCode;

  public BusinessOutcome(String errorCode, String message) {
    super(message);
    this.errorCode = errorCode;
  }

  public String errorCode() {
    return errorCode;
  }

  public BpmnError toBpmnError() {
    return CamundaError.bpmnError(errorCode, getMessage());
  }
}

package cn.relief.engine.bpmn;

/** The BPMN element kinds the engine executes, with Zeebe's names. */
public enum BpmnElementType {
  PROCESS,
  SUB_PROCESS,
  EVENT_SUB_PROCESS,
  CALL_ACTIVITY,
  MULTI_INSTANCE_BODY,
  START_EVENT,
  END_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  INTERMEDIATE_THROW_EVENT,
  BOUNDARY_EVENT,
  SERVICE_TASK,
  SEND_TASK,
  RECEIVE_TASK,
  SCRIPT_TASK,
  BUSINESS_RULE_TASK,
  MANUAL_TASK,
  TASK,
  USER_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  EVENT_BASED_GATEWAY,
  SEQUENCE_FLOW;

  /** Elements that contain other elements and complete when their last child ends. */
  public boolean isContainer() {
    return this == PROCESS || this == SUB_PROCESS || this == EVENT_SUB_PROCESS;
  }
}

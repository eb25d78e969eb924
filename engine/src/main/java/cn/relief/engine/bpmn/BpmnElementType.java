package cn.relief.engine.bpmn;

/** The BPMN element kinds the engine executes, with Zeebe's names. */
public enum BpmnElementType {
  PROCESS,
  START_EVENT,
  END_EVENT,
  SERVICE_TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  SEQUENCE_FLOW
}

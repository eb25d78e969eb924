package cn.relief.engine.processing.bpmn;

import java.util.Map;

/** Told when a process instance completes, with its root-scope variables (for create-with-result). */
public interface ProcessResultListener {
  void onProcessCompleted(BpmnElementContext process, Map<String, Object> variables);

  void onProcessTerminated(BpmnElementContext process);
}

package cn.relief.workers;

import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DocumentReferenceResponse;
import io.camunda.client.api.response.UserTaskProperties;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A job as the engine hands it to a worker: plain data, nothing simulated behind it. */
public record TestJob(long key, String type, String elementId, long elementInstanceKey,
    Map<String, Object> variables) implements ActivatedJob {

  @Override public long getKey() { return key; }
  @Override public String getType() { return type; }
  @Override public long getProcessInstanceKey() { return 2251799813685249L; }
  @Override public String getBpmnProcessId() { return "relief-case"; }
  @Override public int getProcessDefinitionVersion() { return 1; }
  @Override public long getProcessDefinitionKey() { return 2251799813685248L; }
  @Override public String getElementId() { return elementId; }
  @Override public long getElementInstanceKey() { return elementInstanceKey; }
  @Override public Map<String, String> getCustomHeaders() { return Map.of(); }
  @Override public String getWorker() { return "test"; }
  @Override public int getRetries() { return 3; }
  @Override public long getDeadline() { return 0; }
  @Override public String getVariables() { throw new UnsupportedOperationException("use getVariablesAsMap"); }
  @Override public Map<String, Object> getVariablesAsMap() { return variables; }
  @Override public <T> T getVariablesAsType(Class<T> type) { throw new UnsupportedOperationException(); }
  @Override public Object getVariable(String name) { return variables.get(name); }
  @Override public UserTaskProperties getUserTask() { return null; }
  @Override public JobKind getKind() { return JobKind.BPMN_ELEMENT; }
  @Override public ListenerEventType getListenerEventType() { return ListenerEventType.UNSPECIFIED; }
  @Override public String toJson() { return "{}"; }
  @Override public String getTenantId() { return "<default>"; }
  @Override public List<DocumentReferenceResponse> getDocumentReferences(String name) { return List.of(); }
  @Override public Set<String> getTags() { return Set.of(); }
}

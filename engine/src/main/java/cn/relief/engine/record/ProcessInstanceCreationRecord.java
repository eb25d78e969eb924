package cn.relief.engine.record;

import java.util.Map;

public record ProcessInstanceCreationRecord(
    String bpmnProcessId,
    int version,
    long processDefinitionKey,
    long processInstanceKey,
    Map<String, Object> variables,
    String tenantId) implements RecordValue {}

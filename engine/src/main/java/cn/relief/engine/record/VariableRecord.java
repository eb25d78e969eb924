package cn.relief.engine.record;

/** A variable created or updated in a scope; {@code value} is its JSON text. */
public record VariableRecord(
    String name,
    String value,
    long scopeKey,
    long processInstanceKey,
    long processDefinitionKey,
    String bpmnProcessId,
    String tenantId) implements RecordValue {}

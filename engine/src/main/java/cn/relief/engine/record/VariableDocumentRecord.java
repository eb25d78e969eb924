package cn.relief.engine.record;

import java.util.Map;

/** A SetVariables command's document, as applied to a scope (LOCAL or PROPAGATE). */
public record VariableDocumentRecord(long scopeKey, String updateSemantics, Map<String, Object> variables)
    implements RecordValue {}

package cn.relief.app.audit;

import java.util.List;
import java.util.Map;

/**
 * Everything the audit page and the exports show of one instance of a case, personal data already
 * masked for the viewer: the instance, its related instances (same case number, called or calling),
 * the timeline, the variable history, the who-did-what log, the diagram's markers, the chain's
 * verification. {@code trail} says whether the audit trail could be read at all.
 */
record CaseFile(CaseSummary instance, long processDefinitionKey, Map<String, String> variables,
    List<CaseSummary> related, List<TimelineStep> timeline, List<VariableChange> variableHistory,
    List<LogEntry> log, DiagramMarkers markers, TrailAnswer.Status trail, TrailAnswer<ChainVerification> verification) {}

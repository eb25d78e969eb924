package cn.relief.engine.record;

import java.util.Map;

/** A broadcast signal. */
public record SignalRecord(String signalName, Map<String, Object> variables, String tenantId) implements RecordValue {}

package cn.relief.app.audit;

/**
 * Where a key of the audit trail belongs in the case: the instance (of which process) and the
 * element (a job's or user task's element instance). {@code elementId} and {@code elementInstanceKey}
 * are null for the instance itself.
 */
record Origin(String process, long processInstanceKey, String elementId, Long elementInstanceKey) {}

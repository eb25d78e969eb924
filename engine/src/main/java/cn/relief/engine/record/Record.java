package cn.relief.engine.record;

/**
 * One entry of the engine's log. Events are replayed to rebuild the state after a restart and are
 * the raw material of the audit trail; rejections are kept so that refused commands are traceable.
 *
 * @param position monotonic position within the partition
 * @param key the key of the entity the record is about (Zeebe-shaped, partition in the high bits)
 * @param intent the event's intent (e.g. {@code ELEMENT_ACTIVATED}) or the rejected command's intent
 * @param timestamp epoch milliseconds when the record was written
 */
public record Record(
    long position,
    long key,
    RecordType recordType,
    ValueType valueType,
    String intent,
    String rejectionType,
    String rejectionReason,
    long timestamp,
    RecordValue value) {}

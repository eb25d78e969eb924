package cn.relief.engine.record;

/** Marker for the payload of a record; each value type has one immutable record class. */
public interface RecordValue {}

package cn.relief.engine.record;

/** The engine clock pinned to a time (epoch milliseconds), or reset to the system clock (time 0). */
public record ClockRecord(long time) implements RecordValue {}

package cn.relief.engine.record;

/** What a log entry is: a fact that happened, or the refusal of a command. */
public enum RecordType {
  EVENT,
  COMMAND_REJECTION
}

package cn.relief.engine.api;

/**
 * Why the engine refused a command, with the same names Zeebe uses so that transports can map them
 * to the same gRPC status codes and HTTP statuses a Camunda 8 client expects.
 */
public enum RejectionType {
  INVALID_ARGUMENT,
  NOT_FOUND,
  ALREADY_EXISTS,
  INVALID_STATE,
  /** The caller may not do this to this resource (e.g. a task that is neither theirs nor their groups'). */
  FORBIDDEN,
  /** The engine cannot keep up; the client should retry later. */
  RESOURCE_EXHAUSTED,
  /** The engine is not (yet) able to process commands, e.g. while it is recovering. */
  UNAVAILABLE
}

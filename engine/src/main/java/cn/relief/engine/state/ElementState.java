package cn.relief.engine.state;

/** The lifecycle of an element instance; transitions are checked before they are taken. */
public enum ElementState {
  ACTIVATING,
  ACTIVATED,
  COMPLETING,
  COMPLETED,
  TERMINATING,
  TERMINATED;

  public boolean isActive() {
    return this == ACTIVATING || this == ACTIVATED || this == COMPLETING;
  }
}

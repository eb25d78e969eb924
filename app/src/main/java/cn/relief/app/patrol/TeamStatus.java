package cn.relief.app.patrol;

/** Whether a patrol team can take a report now. */
public enum TeamStatus {
  FREE, BUSY, OFF_DUTY
}

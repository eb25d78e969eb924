package cn.relief.app.dispatch;

/** Whether a patrol team can take a report now. */
public enum TeamStatus {
  FREE, BUSY, OFF_DUTY
}

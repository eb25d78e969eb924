package cn.relief.app.audit;

import cn.relief.app.web.Times;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One line of the who-did-what log: an audit trail entry placed in the case. It names the
 * variables a command carried, not their values (those are in the variable history, masked).
 */
record LogEntry(long sequence, OffsetDateTime at, String who, String operation, String process, String elementId,
    boolean accepted, String rejection, List<String> variableNames, String assignee) {

  public String atText() {
    return Times.format(at);
  }
}

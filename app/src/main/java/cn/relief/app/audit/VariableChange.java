package cn.relief.app.audit;

import cn.relief.app.web.Times;
import java.time.OffsetDateTime;

/** A variable's value as a command set it, with who and where. The value is masked for the viewer. */
record VariableChange(long sequence, OffsetDateTime at, String who, String operation, String process,
    String elementId, String name, String value) {

  public String atText() {
    return Times.format(at);
  }
}

package cn.relief.app.audit;

import cn.relief.app.web.Times;
import java.time.OffsetDateTime;

/** An instance as the audit pages list it; {@code personName} as the viewer may see it. */
record CaseSummary(long processInstanceKey, String processId, String processName, String caseNumber,
    String personName, String stationId, String state, OffsetDateTime start, OffsetDateTime end) {

  public String startText() {
    return Times.format(start);
  }

  public String endText() {
    return Times.format(end);
  }
}

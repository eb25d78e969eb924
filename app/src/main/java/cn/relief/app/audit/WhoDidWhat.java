package cn.relief.app.audit;

import java.util.ArrayList;
import java.util.List;

/** The who-did-what log of a case: its instances' audit entries, each placed at its element. */
final class WhoDidWhat {
  private WhoDidWhat() {}

  static List<LogEntry> build(List<AuditEntry> entries, Origins origins) {
    List<LogEntry> log = new ArrayList<>();
    for (AuditEntry entry : entries) {
      Origin origin = origins.of(entry);
      String rejection = entry.accepted() ? null
          : join(entry.rejectionType(), entry.rejectionMessage());
      Object assignee = entry.request().get("assignee");
      log.add(new LogEntry(entry.sequence(), entry.recordedAt(), entry.callerId(), entry.operation(),
          origin == null ? null : origin.process(), origin == null ? null : origin.elementId(), entry.accepted(),
          rejection, List.copyOf(entry.variables().keySet()), assignee == null ? null : String.valueOf(assignee)));
    }
    return log;
  }

  private static String join(String type, String message) {
    if (type == null) {
      return message;
    }
    return message == null ? type : type + ": " + message;
  }
}

package cn.relief.workers.notifications;

import java.util.Map;

/**
 * Official notifications to other agencies (公安, 卫健/120, the regional centre, higher civil
 * affairs, township offices, placement institutions) and to the station head. In production this is
 * the agencies' document exchange; each notification gets a number the receiver quotes back.
 */
public interface AgencyNotifications {

  /** Sends a notification; the same key returns the first notification's number and sends nothing. */
  String notify(String idempotencyKey, Notification notification);

  record Notification(String agency, String subject, String caseNumber, Map<String, Object> details) {
    public Notification {
      details = details == null ? Map.of() : Map.copyOf(
          details.entrySet().stream().filter(e -> e.getValue() != null)
              .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }
  }
}

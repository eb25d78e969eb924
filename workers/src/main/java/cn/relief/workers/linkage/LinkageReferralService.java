package cn.relief.workers.linkage;

import cn.relief.workers.messages.MessagePublisher;
import cn.relief.workers.Messages;
import cn.relief.workers.notifications.AgencyNotifications;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Refers a case to the assistance systems the decision table {@code linkages} chose: one referral
 * per linkage, each with its own idempotency key (the job's key plus the linkage), so a retry after
 * the second of three referrals sends only the third. Each referral also starts the linkage's own
 * process by its start message (message id = the referral's idempotency key), with the case's
 * variables and the referral number.
 */
@Service
public class LinkageReferralService {

  /** Who receives each linkage (the linkage codes are the outputs of {@code linkages.dmn}). */
  static final Map<String, String[]> RECEIVERS = Map.of(
      "MINOR_PROTECTION", new String[] {"MINOR_PROTECTION_CENTRE", "未成年人保护：临时监护转介"},
      "DOMESTIC_VIOLENCE_SHELTER", new String[] {"DOMESTIC_VIOLENCE_SHELTER", "反家庭暴力临时庇护转介"},
      "EXTREMELY_POOR_SUPPORT", new String[] {"TOWNSHIP_OFFICE", "特困人员救助供养申请转介"},
      "TEMPORARY_ASSISTANCE", new String[] {"COUNTY_RELIEF_AGENCY", "临时救助申请转介"},
      "RETURN_FOLLOW_UP", new String[] {"HOMETOWN_CIVIL_AFFAIRS", "返乡人员回访协助"});

  /** The message that starts each linkage's process. */
  static final Map<String, String> START_MESSAGES = Map.of(
      "MINOR_PROTECTION", Messages.LINKAGE_MINOR_PROTECTION,
      "DOMESTIC_VIOLENCE_SHELTER", Messages.LINKAGE_DOMESTIC_VIOLENCE_SHELTER,
      "EXTREMELY_POOR_SUPPORT", Messages.LINKAGE_EXTREMELY_POOR_SUPPORT,
      "TEMPORARY_ASSISTANCE", Messages.LINKAGE_TEMPORARY_ASSISTANCE,
      "RETURN_FOLLOW_UP", Messages.RETURN_FOLLOW_UP);

  /** A start message waits this long for its process to be deployed (e.g. during an upgrade). */
  static final Duration START_MESSAGE_TIME_TO_LIVE = Duration.ofDays(1);

  private final AgencyNotifications notifications;
  private final MessagePublisher messages;

  public LinkageReferralService(AgencyNotifications notifications, MessagePublisher messages) {
    this.notifications = notifications;
    this.messages = messages;
  }

  /**
   * Returns the referral number of each linkage, in the order given.
   *
   * @param startVariables the case's variables the linkage processes start with (nulls left out)
   */
  public Map<String, String> refer(String idempotencyKey, String caseNumber, List<String> linkages,
      Map<String, Object> startVariables) {
    Map<String, String> referrals = new LinkedHashMap<>();
    for (String linkage : linkages) {
      String key = idempotencyKey + "#" + linkage;
      String[] receiver = RECEIVERS.getOrDefault(linkage, new String[] {linkage, "衔接转介：" + linkage});
      var notification = new AgencyNotifications.Notification(receiver[0], receiver[1], caseNumber,
          Map.of("linkage", linkage));
      String referralNo = notifications.notify(key, notification);
      referrals.put(linkage, referralNo);
      String startMessage = START_MESSAGES.get(linkage);
      if (startMessage != null) {
        Map<String, Object> variables = new HashMap<>();
        startVariables.forEach((name, value) -> {
          if (value != null) {
            variables.put(name, value);
          }
        });
        variables.put("caseNumber", caseNumber);
        variables.put("linkage", linkage);
        variables.put("referralNo", referralNo);
        // keyed by the referral, not the case: the start event allows one running instance per key,
        // and a case may be referred twice (extremely-poor support at admission and after resettlement)
        messages.publish(startMessage, caseNumber + "#" + key, key, START_MESSAGE_TIME_TO_LIVE, variables);
      }
    }
    return referrals;
  }
}

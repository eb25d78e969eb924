package cn.relief.workers.linkage;

import cn.relief.workers.notifications.AgencyNotifications;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Refers a case to the assistance systems the decision table {@code linkages} chose: one referral
 * per linkage, each with its own idempotency key (the job's key plus the linkage), so a retry after
 * the second of three referrals sends only the third.
 */
@Service
public class LinkageReferralService {

  /** Who receives each linkage (the linkage codes are the outputs of {@code linkages.dmn}). */
  static final Map<String, String[]> RECEIVERS = Map.of(
      "MINOR_PROTECTION", new String[] {"MINOR_PROTECTION_CENTRE", "未成年人保护：临时监护转介"},
      "DOMESTIC_VIOLENCE_SHELTER", new String[] {"DOMESTIC_VIOLENCE_SHELTER", "反家庭暴力临时庇护转介"},
      "EXTREMELY_POOR_SUPPORT", new String[] {"TOWNSHIP_OFFICE", "特困人员救助供养申请转介"},
      "TEMPORARY_ASSISTANCE", new String[] {"COUNTY_RELIEF_AGENCY", "临时救助申请转介"});

  private final AgencyNotifications notifications;

  public LinkageReferralService(AgencyNotifications notifications) {
    this.notifications = notifications;
  }

  /** Returns the referral number of each linkage, in the order given. */
  public Map<String, String> refer(String idempotencyKey, String caseNumber, List<String> linkages) {
    Map<String, String> referrals = new LinkedHashMap<>();
    for (String linkage : linkages) {
      String[] receiver = RECEIVERS.getOrDefault(linkage, new String[] {linkage, "衔接转介：" + linkage});
      var notification = new AgencyNotifications.Notification(receiver[0], receiver[1], caseNumber,
          Map.of("linkage", linkage));
      referrals.put(linkage, notifications.notify(idempotencyKey + "#" + linkage, notification));
    }
    return referrals;
  }
}

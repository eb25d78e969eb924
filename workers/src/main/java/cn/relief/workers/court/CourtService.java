package cn.relief.workers.court;

/**
 * The people's court, as far as the relief agency applies to it. A protection order application
 * (人身安全保护令, 反家庭暴力法 第23条) is answered at once with an application number; the ruling
 * comes later (within 72 hours, 24 if urgent, 第28条) as the message
 * {@code relief-protection-order-ruled} correlated on the case number, with
 * {@code protectionOrderGranted}, {@code protectionOrderNo} and {@code protectionOrderValidUntil}
 * (at most 6 months, 第30条). An application to revoke a guardian's guardianship (未成年人保护法
 * 第108条) is answered with its number; the judgment takes months and is not awaited by the model.
 */
public interface CourtService {

  String applyForProtectionOrder(String idempotencyKey, ProtectionOrderApplication application);

  String applyForGuardianshipRevocation(String idempotencyKey, GuardianshipRevocation application);

  /** The victim is named in the application document, not here; the shelter location never is. */
  record ProtectionOrderApplication(String caseNumber, String court, String respondentName, String evidence,
      boolean urgent, String applicationDocumentId) {}

  /** The minor is referred to by case number and guardianship number only (第103条). */
  record GuardianshipRevocation(String caseNumber, String court, String grounds, String guardianshipNo) {}
}

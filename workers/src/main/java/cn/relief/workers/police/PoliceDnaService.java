package cn.relief.workers.police;

import java.time.LocalDate;

/**
 * The police's DNA collection and comparison (2015意见: civil affairs asks within 7 working days,
 * the police report back within a month). The request is answered at once with a request number;
 * the result arrives later, as the message {@code relief-identity-found} correlated on the case
 * number when the comparison found the person's family, and not at all otherwise.
 */
public interface PoliceDnaService {

  String requestDna(String idempotencyKey, DnaRequest request);

  record DnaRequest(String caseNumber, String policeStation, LocalDate requestDate) {}
}

package cn.relief.app.audit;

import java.time.LocalDate;

/**
 * A search for cases; every field optional.
 *
 * @param caseNumber part of the case number
 * @param name part of the person's name
 * @param from first day the case started on, inclusive
 * @param to last day the case started on, inclusive
 * @param state ACTIVE, COMPLETED or TERMINATED
 */
record CaseQuery(String caseNumber, String name, LocalDate from, LocalDate to, String state) {
  static final CaseQuery ANY = new CaseQuery(null, null, null, null, null);
}

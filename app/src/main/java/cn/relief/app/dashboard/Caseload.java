package cn.relief.app.dashboard;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;

/** Counts open cases by stage and by organisation (the case's station). */
public final class Caseload {
  /** The key of cases that carry no station (started outside the web application). */
  public static final String NO_ORGANISATION = "";

  private final Map<CaseStage, Long> byStage = new EnumMap<>(CaseStage.class);
  private final Map<String, long[]> byOrganisation = new TreeMap<>();
  private long cases;

  public Caseload() {
    for (CaseStage stage : CaseStage.values()) {
      byStage.put(stage, 0L);
    }
  }

  public void add(String organisationId, CaseStage stage) {
    cases++;
    byStage.merge(stage, 1L, Long::sum);
    byOrganisation.computeIfAbsent(organisationId == null ? NO_ORGANISATION : organisationId,
        id -> new long[CaseStage.values().length])[stage.ordinal()]++;
  }

  public long cases() {
    return cases;
  }

  public long count(CaseStage stage) {
    return byStage.get(stage);
  }

  /** Per organisation id (sorted), the counts in stage order. */
  public Map<String, long[]> byOrganisation() {
    Map<String, long[]> copy = new TreeMap<>();
    byOrganisation.forEach((id, counts) -> copy.put(id, counts.clone()));
    return copy;
  }
}

package cn.relief.app.cases;

import java.util.Set;

/**
 * The organisations a case belongs to: the station that took the person in ({@code stationId},
 * the case's root variable) and those it was escalated to or assisted by (the regional centre).
 */
public record CaseScope(String stationId, Set<String> involvedOrganisations) {
  public CaseScope {
    involvedOrganisations = Set.copyOf(involvedOrganisations);
  }

  /** The station's own case, not (yet) escalated. */
  public static CaseScope ofStation(String stationId) {
    return new CaseScope(stationId, Set.of());
  }

  public boolean involves(String organisationId) {
    return organisationId != null
        && (organisationId.equals(stationId) || involvedOrganisations.contains(organisationId));
  }
}

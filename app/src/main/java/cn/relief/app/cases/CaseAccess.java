package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import java.util.HashSet;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may open which case (issue E7): caseworkers, station heads and regional-centre staff the
 * cases of their own organisation and those escalated to or assisted by it; auditors and
 * administrators every case, auditors read-only; policy staff none. The engine's own permissions
 * still apply on top: this decides what the application shows, the engine what a user may do.
 */
@Component
public class CaseAccess {
  private static final ReliefRole[] CASE_STAFF =
      {ReliefRole.CASEWORKER, ReliefRole.STATION_HEAD, ReliefRole.REGIONAL_CENTRE};

  private final String regionalCentreId;

  public CaseAccess(@Value("${relief.organisations.regional-centre:org-regional-huanan}") String regionalCentreId) {
    this.regionalCentreId = regionalCentreId;
  }

  /** The region's centre, the organisation a station's escalations go to. */
  public String regionalCentreId() {
    return regionalCentreId;
  }

  /** The scope of a case of {@code stationId}; with the centre once it has been escalated. */
  public CaseScope scope(String stationId, boolean escalated) {
    Set<String> involved = new HashSet<>();
    if (escalated) {
      involved.add(regionalCentreId);
    }
    return new CaseScope(stationId, involved);
  }

  public boolean canRead(EngineUser user, CaseScope scope) {
    return user.hasAnyRole(ReliefRole.AUDITOR, ReliefRole.ADMIN) || canWork(user, scope);
  }

  /** May act on the case: complete its tasks, add to it. Auditors never. */
  public boolean canWork(EngineUser user, CaseScope scope) {
    return user.hasAnyRole(ReliefRole.ADMIN)
        || user.hasAnyRole(CASE_STAFF) && scope.involves(user.organisationId());
  }

  /** Case staff of an organisation the case involves: those with need of the person's identity. */
  public boolean isCaseStaffOf(EngineUser user, CaseScope scope) {
    return user.hasAnyRole(CASE_STAFF) && scope.involves(user.organisationId());
  }

  /** Whether the user works for the station that holds the case (sees, e.g., the shelter's location). */
  public boolean isOwnStation(EngineUser user, CaseScope scope) {
    return user.hasAnyRole(CASE_STAFF) && user.organisationId() != null
        && user.organisationId().equals(scope.stationId());
  }

  /** Refuses with 403 (Spring Security's error page) when the user may not read the case. */
  public void checkRead(EngineUser user, CaseScope scope) {
    if (!canRead(user, scope)) {
      throw new AccessDeniedException("Case of " + scope.stationId() + " not visible to " + user.username());
    }
  }

  public void checkWork(EngineUser user, CaseScope scope) {
    if (!canWork(user, scope)) {
      throw new AccessDeniedException("Case of " + scope.stationId() + " not open to " + user.username());
    }
  }
}

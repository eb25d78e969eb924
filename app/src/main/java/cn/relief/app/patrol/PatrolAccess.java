package cn.relief.app.patrol;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;

/**
 * Who may see and plan a station's patrol areas: its own staff see them, its station head plans
 * them, raises alerts and adds rounds; the regional centre and administrators do so for every
 * station (regional pooling).
 */
public final class PatrolAccess {
  private PatrolAccess() {}

  public static boolean allStations(EngineUser user) {
    return user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN);
  }

  public static boolean canSee(EngineUser user, String stationId) {
    return allStations(user) || stationId.equals(user.organisationId());
  }

  public static boolean canPlan(EngineUser user, String stationId) {
    return allStations(user) || (user.hasAnyRole(ReliefRole.STATION_HEAD) && stationId.equals(user.organisationId()));
  }
}

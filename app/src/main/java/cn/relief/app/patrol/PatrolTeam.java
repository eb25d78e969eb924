package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;
import java.util.List;

/**
 * A patrol team (巡查队) of a station: its members (usernames), whether it is free, and where it was
 * last seen ({@code position} from a member's phone, null until one shared it).
 */
public record PatrolTeam(String id, String name, String stationId, List<String> members, TeamStatus status,
    GeoPoint position, Instant positionAt) {

  public boolean hasMember(String username) {
    return members.contains(username);
  }
}

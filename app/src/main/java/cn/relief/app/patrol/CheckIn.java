package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/**
 * A patrol team member's check-in: where and when, with an optional note, and the round the team had
 * running then ({@code roundId} null between rounds).
 */
public record CheckIn(String teamId, String username, GeoPoint place, String note, Instant at, Long roundId) {}

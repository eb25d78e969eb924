package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/** A patrol team member's check-in on a round: where and when, with an optional note. */
public record CheckIn(String teamId, String username, GeoPoint place, String note, Instant at) {}

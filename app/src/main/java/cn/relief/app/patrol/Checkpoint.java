package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;

/** A place a patrol round must pass (巡查点): a check-in near it visits it. */
public record Checkpoint(String name, GeoPoint place) {}

package cn.relief.app.patrol;

import java.util.List;

/** A named patrol area (巡查区域) of a station, with the checkpoints its rounds pass, in order. */
public record PatrolArea(String id, String name, String stationId, List<Checkpoint> checkpoints) {}

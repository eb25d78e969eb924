package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointVisitsTest {
  private static final Checkpoint SOUTH_GATE = new Checkpoint("南门", new GeoPoint(23.1255, 113.3650));
  private static final Checkpoint EAST_GATE = new Checkpoint("东门", new GeoPoint(23.1280, 113.3700));

  private static CheckIn at(double latitude, double longitude, String time) {
    return new CheckIn("team", "li", new GeoPoint(latitude, longitude), null, Instant.parse(time), 1L);
  }

  @Test
  void aCheckInWithinTheRadiusVisitsTheCheckpointAndTheFirstCounts() {
    List<CheckpointVisits.Visit> visits = CheckpointVisits.of(List.of(SOUTH_GATE, EAST_GATE), List.of(
        at(23.1260, 113.3652, "2026-11-30T12:10:00Z"), // about 60 m from the south gate
        at(23.1256, 113.3650, "2026-11-30T12:05:00Z")), 150);
    assertThat(visits).extracting(CheckpointVisits.Visit::at)
        .containsExactly(Instant.parse("2026-11-30T12:05:00Z"), null);
  }

  @Test
  void aCheckInJustOutsideTheRadiusVisitsNothing() {
    // 0.0015 degrees of latitude is about 167 m
    assertThat(CheckpointVisits.of(List.of(SOUTH_GATE), List.of(at(23.1270, 113.3650, "2026-11-30T12:00:00Z")), 150))
        .singleElement().satisfies(visit -> assertThat(visit.visited()).isFalse());
    assertThat(CheckpointVisits.of(List.of(SOUTH_GATE), List.of(at(23.1270, 113.3650, "2026-11-30T12:00:00Z")), 200))
        .singleElement().satisfies(visit -> assertThat(visit.visited()).isTrue());
  }
}

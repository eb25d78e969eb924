package cn.relief.app.patrol;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Which of an area's checkpoints a round's check-ins visited, and when first. */
public final class CheckpointVisits {
  /** A checkpoint and the first check-in near it ({@code at} null: not visited yet). */
  public record Visit(Checkpoint checkpoint, Instant at) {
    public boolean visited() {
      return at != null;
    }
  }

  private CheckpointVisits() {}

  /** A check-in within {@code radiusMetres} of a checkpoint visits it; several checkpoints may share one check-in. */
  public static List<Visit> of(List<Checkpoint> checkpoints, List<CheckIn> checkIns, double radiusMetres) {
    List<Visit> visits = new ArrayList<>();
    for (Checkpoint checkpoint : checkpoints) {
      Instant first = null;
      for (CheckIn checkIn : checkIns) {
        if (checkIn.place().metresTo(checkpoint.place()) <= radiusMetres
            && (first == null || checkIn.at().isBefore(first))) {
          first = checkIn.at();
        }
      }
      visits.add(new Visit(checkpoint, first));
    }
    return visits;
  }
}

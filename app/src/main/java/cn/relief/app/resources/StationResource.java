package cn.relief.app.resources;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/** A station's resources as it last reported them, and what it can care for. */
public record StationResource(String stationId, String name, GeoPoint place, int bedsTotal, int bedsOccupied,
    int staffOnDuty, int vehiclesAvailable, boolean medicalCare, boolean minorsQuarters, boolean shelter,
    String updatedBy, Instant updatedAt) {

  public int freeBeds() {
    return Math.max(0, bedsTotal - bedsOccupied);
  }

  public boolean full() {
    return freeBeds() == 0;
  }

  /** Whether the station offers the capability the placement decision asks for. */
  public boolean offers(String capability) {
    return switch (capability) {
      case "MEDICAL_CARE" -> medicalCare;
      case "MINORS_QUARTERS" -> minorsQuarters;
      case "SHELTER" -> shelter;
      default -> true;
    };
  }
}

package cn.relief.app.resources;

import java.util.List;

/**
 * The placement decision's answer for a case and the station proposed: {@code placement} is
 * OWN_STATION or OTHER_STATION (the decision table's), {@code requiredCapability} what the other
 * station must offer (BED, MEDICAL_CARE, MINORS_QUARTERS, SHELTER, NONE); {@code proposed} the
 * nearest station with a free bed and that capability, null when there is none (then the regional
 * centre is to be asked); {@code candidates} all such stations, nearest first.
 */
public record PlacementAdvice(String placement, String requiredCapability, String reason, StationResource own,
    StationResource proposed, List<StationResource> candidates) {

  public boolean elsewhere() {
    return "OTHER_STATION".equals(placement);
  }
}

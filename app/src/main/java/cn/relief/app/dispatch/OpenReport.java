package cn.relief.app.dispatch;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/**
 * A first report not yet closed, as the dispatch board and the team's phone page show it: what was
 * reported, how many later sightings joined it, and its dispatch so far (team, times).
 * {@code reporterPhone} and the photo are personal data: shown only on the report's own pages to
 * those who may dispatch it or went there.
 */
public record OpenReport(long id, String reference, String source, Instant receivedAt, Instant seenAt, GeoPoint place,
    String locationText, String areaName, String description, String sex, String ageGroup, boolean needsMedicalCare,
    String stationId, Long processInstanceKey, String teamId, Instant dispatchedAt, Instant arrivedAt, int sightings,
    boolean hasPhoto, String reporterPhone) {

  public boolean dispatched() {
    return teamId != null;
  }
}

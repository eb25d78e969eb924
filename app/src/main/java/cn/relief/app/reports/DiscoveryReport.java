package cn.relief.app.reports;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/**
 * A stored discovery report. {@code linkedTo} is the id of the first report of the same person near
 * the same place, whose process this one joined; null for a first report, which has its own
 * process ({@code processInstanceKey}, null until the engine has started it).
 */
public record DiscoveryReport(long id, String reference, ReportSource source, String reportedBy, Instant receivedAt,
    Instant seenAt, GeoPoint place, String locationText, String areaCode, String areaName, String description,
    ReportedSex sex, AgeGroup ageGroup, boolean needsMedicalCare, Long linkedTo, String stationId,
    Long processInstanceKey, boolean hasPhoto) {

  public boolean isFirst() {
    return linkedTo == null;
  }
}

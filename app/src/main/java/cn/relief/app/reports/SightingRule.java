package cn.relief.app.reports;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * When a new report is another sighting of a person already reported: seen within {@code window}
 * of the first report, within {@code distanceMetres} of it, and nothing the reporters saw tells
 * them apart (sex and apparent age equal, or unknown on either side). The nearest such first
 * report wins. A report that only may be the same person is linked, not merged: both stay, and the
 * dispatcher sees them together.
 */
public record SightingRule(Duration window, double distanceMetres) {

  public SightingRule {
    if (window.isNegative() || window.isZero() || !(distanceMetres > 0)) {
      throw new IllegalArgumentException("Expected a positive linking window and distance, but found " + window
          + " and " + distanceMetres + " m");
    }
  }

  /** The first report the new one is another sighting of, among open first reports. */
  public Optional<DiscoveryReport> match(NewReport report, List<DiscoveryReport> openFirstReports) {
    return openFirstReports.stream()
        .filter(DiscoveryReport::isFirst)
        .filter(first -> Duration.between(first.seenAt(), report.seenAt()).abs().compareTo(window) <= 0)
        .filter(first -> first.place().metresTo(report.place()) <= distanceMetres)
        .filter(first -> compatible(first.sex(), report.sex(), ReportedSex.UNKNOWN))
        .filter(first -> compatible(first.ageGroup(), report.ageGroup(), AgeGroup.UNKNOWN))
        .min(Comparator.comparingDouble(first -> first.place().metresTo(report.place())));
  }

  private static <T> boolean compatible(T a, T b, T unknown) {
    return a == unknown || b == unknown || a == b;
  }
}

package cn.relief.app.reports;

import cn.relief.app.geo.Area;
import cn.relief.app.geo.RegionMap;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Receives a checked discovery report from the public page or a partner: finds its division on the
 * region map and the station that handles it, stores it (linked to the first report of the same
 * person if the sighting rule says so), then starts or joins the process. The report is stored
 * first: if the engine cannot be reached the reporter still gets the reference, and the process
 * starts later ({@link ReportProcesses#startMissed()}).
 */
@Component
public class ReportIntake {
  private static final Logger LOG = LoggerFactory.getLogger(ReportIntake.class);

  /** What the reporter is told: the report's reference and, for a later sighting, the first report's. */
  public record Receipt(String reference, String firstReference, String areaName) {}

  private final RegionMap region;
  private final ReportStore store;
  private final ReportProcesses processes;
  private final ReportsProperties properties;
  private final Clock clock = Clock.systemUTC();

  ReportIntake(RegionMap region, ReportStore store, ReportProcesses processes, ReportsProperties properties) {
    this.region = region;
    this.store = store;
    this.processes = processes;
    this.properties = properties;
  }

  public Receipt receive(NewReport report) {
    Optional<Area> area = region.areaOf(report.place());
    DiscoveryReport stored = store.store(report, clock.instant(), area, properties.stationFor(area),
        properties.sightingRule());
    try {
      processes.startOrJoin(stored);
    } catch (RuntimeException e) {
      LOG.warn("Discovery report {} is stored; its process will be started or joined later: {}", stored.reference(),
          e.toString());
    }
    String first = stored.isFirst() ? null : store.byId(stored.linkedTo()).map(DiscoveryReport::reference).orElse(null);
    return new Receipt(stored.reference(), first, area.map(Area::name).orElse(null));
  }
}

package cn.relief.app.reports;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.grpc.Status;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A report's process on the engine, through the application's Camunda client: a first report
 * starts {@value #PROCESS_ID}; a later sighting of the same person joins the first report's process
 * with message {@value #SIGHTING_MESSAGE}. The reporter's phone and photo stay in the application's
 * database: the process (and so every task form and the audit trail) carries what dispatch needs.
 * A first report stored while the engine was unreachable is started by {@link #startMissed()}.
 */
@Component
public class ReportProcesses {
  static final String PROCESS_ID = "discovery-report";
  static final String SIGHTING_MESSAGE = "relief-report-sighting";
  private static final Logger LOG = LoggerFactory.getLogger(ReportProcesses.class);

  private final CamundaClient client;
  private final ReportStore store;
  private final ReportsProperties properties;

  ReportProcesses(CamundaClient client, ReportStore store, ReportsProperties properties) {
    this.client = client;
    this.store = store;
    this.properties = properties;
  }

  /** Starts the first report's process, or publishes the sighting to its first report's process. */
  void startOrJoin(DiscoveryReport report) {
    if (report.isFirst()) {
      start(report);
    } else {
      join(report, store.byId(report.linkedTo()).orElseThrow());
    }
  }

  private void start(DiscoveryReport report) {
    long key = client.newCreateInstanceCommand().bpmnProcessId(PROCESS_ID).latestVersion()
        .variables(variables(report)).send().join().getProcessInstanceKey();
    store.recordProcess(report.id(), key);
  }

  /**
   * The message waits (time to live: the linking window) if the first report's process is not
   * started yet; its id is the sighting's reference, so a repeated publication is not a second one.
   */
  private void join(DiscoveryReport sighting, DiscoveryReport first) {
    try {
      client.newPublishMessageCommand().messageName(SIGHTING_MESSAGE).correlationKey(first.reference())
          .messageId(sighting.reference()).timeToLive(properties.linkWindow())
          .variables(Map.of("sightingReference", sighting.reference(), "sightingSource", sighting.source().name()))
          .send().join();
    } catch (ClientStatusException e) {
      // published before, but its answer was lost: the engine keeps the message id while it lives
      if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
        throw e;
      }
    } catch (ProblemException e) {
      if (e.code() != 409) {
        throw e;
      }
    }
    store.recordJoined(sighting.id());
  }

  Map<String, Object> variables(DiscoveryReport report) {
    Map<String, Object> variables = new HashMap<>();
    variables.put("reportReference", report.reference());
    variables.put("reportSource", report.source().name());
    variables.put("location", report.locationText());
    variables.put("latitude", report.place().latitude());
    variables.put("longitude", report.place().longitude());
    variables.put("areaCode", report.areaCode());
    variables.put("areaName", report.areaName());
    variables.put("seenAt", report.seenAt().toString());
    variables.put("description", report.description());
    variables.put("apparentSex", report.sex().name());
    variables.put("apparentAgeGroup", report.ageGroup().name());
    variables.put("looksMinor", report.ageGroup() == AgeGroup.MINOR);
    variables.put("needsMedicalCare", report.needsMedicalCare());
    variables.put("province", properties.province());
    variables.put("stationId", report.stationId());
    variables.put("dispatchTimeLimit", properties.dispatchTimeLimit().toString());
    return variables;
  }

  /**
   * Starts the processes of first reports stored while the engine could not be reached, and
   * publishes the sightings stored meanwhile (a sighting older than the linking window is not: its
   * message would have outlived its time to live, and the first report may long be dealt with).
   */
  @Scheduled(fixedDelayString = "${relief.reports.retry-every:30s}", initialDelayString = "${relief.reports.retry-every:30s}")
  void startMissed() {
    // a report received just now is being started by its request: leave it a minute
    List<DiscoveryReport> missed = store.firstReportsWithoutProcess(Instant.now().minusSeconds(60), 100);
    for (DiscoveryReport report : missed) {
      try {
        start(report);
        LOG.info("Started the process of discovery report {} (stored while the engine was unreachable)",
            report.reference());
      } catch (RuntimeException e) {
        LOG.warn("Discovery report {} still waits for its process: {}", report.reference(), e.toString());
        return;
      }
    }
    Instant now = Instant.now();
    for (DiscoveryReport sighting : store.sightingsNotJoined(now.minus(properties.linkWindow()), now.minusSeconds(60),
        100)) {
      try {
        join(sighting, store.byId(sighting.linkedTo()).orElseThrow());
        LOG.info("Published sighting {} (stored while the engine was unreachable)", sighting.reference());
      } catch (RuntimeException e) {
        LOG.warn("Sighting {} still waits to join its first report: {}", sighting.reference(), e.toString());
        return;
      }
    }
  }
}

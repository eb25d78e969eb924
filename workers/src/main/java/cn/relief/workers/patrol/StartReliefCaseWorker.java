package cn.relief.workers.patrol;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * 街面巡查 and 发现报告: a person found on the street who accepts help (or a minor, whom civil affairs
 * must take in) becomes a relief case, received through the street-patrol channel, or through the
 * public-report channel when the job's {@code intakeChannel} says {@code PUBLIC_REPORT} (the
 * discovery-report process); the case knows the round or the report (the finding process's
 * instance) and where and how the person was found. The job carries the
 * multi-instance element {@code discovery} (location, description, needsMedicalCare, isMinor).
 * The case belongs to the patrol's station ({@code stationId} of the round, if the round has one),
 * else to {@code relief.organisations.home-station}: the web application shows a case only to the
 * staff of its station.
 */
@Component
public class StartReliefCaseWorker {

  static final String STREET_PATROL = "STREET_PATROL";
  static final String PUBLIC_REPORT = "PUBLIC_REPORT";

  private final ReliefCaseStarter cases;
  private final String homeStation;

  StartReliefCaseWorker(ReliefCaseStarter cases,
      @Value("${relief.organisations.home-station:org-station-tianhe}") String homeStation) {
    this.cases = cases;
    this.homeStation = homeStation;
  }

  @JobWorker(type = JobTypes.START_RELIEF_CASE)
  public Map<String, Object> start(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    if (!(in.required("discovery") instanceof Map<?, ?> found)) {
      throw new IllegalArgumentException("Expected variable 'discovery' to be one discovery of the patrol record,"
          + " but found " + in.required("discovery"));
    }
    @SuppressWarnings("unchecked")
    JobVariables discovery = new JobVariables(job.getType(), (Map<String, Object>) found);
    Map<String, Object> variables = new HashMap<>();
    if (PUBLIC_REPORT.equals(in.string("intakeChannel"))) {
      variables.put("intakeChannel", PUBLIC_REPORT);
      variables.put("discoveryReportKey", job.getProcessInstanceKey());
      variables.put("discoveryReportReference", in.requiredString("reportReference"));
    } else {
      variables.put("intakeChannel", STREET_PATROL);
      variables.put("patrolRoundKey", job.getProcessInstanceKey());
    }
    variables.put("discoveryLocation", discovery.requiredString("location"));
    variables.put("discoveryDescription", discovery.requiredString("description"));
    variables.put("discoveryNeedsMedicalCare", discovery.flag("needsMedicalCare"));
    variables.put("discoveryIsMinor", discovery.flag("isMinor"));
    variables.put("province", in.requiredString("province"));
    String station = in.string("stationId");
    variables.put("stationId", station == null || station.isBlank() ? homeStation : station);
    if (in.string("stationName") != null) {
      variables.put("stationName", in.string("stationName"));
    }
    return Map.of("reliefCaseInstanceKey", cases.start(IdempotencyKeys.of(job), variables));
  }
}

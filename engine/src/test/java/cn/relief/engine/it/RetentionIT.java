package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditSearch;
import cn.relief.engine.audit.AuditVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Retention: ended cases of a process with a retention period are purged from the history (with
 * the instances they called), recorded first in the audit trail as the caller's operation; running
 * cases and processes kept forever stay; a purged case projected again is purged again.
 */
class RetentionIT extends ClientTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired AuditSearch auditSearch;
  @Autowired AuditVerifier auditVerifier;

  @AfterEach
  void resetClock() {
    client(Transport.REST).newResetClockCommand().send().join();
  }

  @Test
  void endedCasesPastTheirRetentionArePurgedAndTheAuditTrailSaysWhoAndWhich() throws Exception {
    CamundaClient client = client(Transport.REST);
    deploy(client, Bpmn.createExecutableProcess("retention-child").startEvent()
        .serviceTask("check", t -> t.zeebeJobType("retention-check")).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess("retention-case").startEvent()
        .callActivity("callCheck", c -> c.zeebeProcessId("retention-child"))
        .serviceTask("archive", t -> t.zeebeJobType("retention-archive")).endEvent().done());
    deploy(client, Bpmn.createExecutableProcess("retention-kept").startEvent()
        .serviceTask("archive", t -> t.zeebeJobType("retention-archive")).endEvent().done());

    List<Long> ended = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ended.add(startInstance(client, "retention-case", Map.of("name", "张三" + i, "idNumber", "11010119900307123" + i)));
    }
    long kept = startInstance(client, "retention-kept", Map.of("name", "李四"));
    completeJobs(client, "retention-check", 2);
    completeJobs(client, "retention-archive", 3);
    long running = startInstance(client, "retention-case", Map.of("name", "王五"));
    for (long key : ended) {
      awaitState(client, key, ProcessInstanceState.COMPLETED);
    }
    awaitState(client, kept, ProcessInstanceState.COMPLETED);
    List<Long> children = client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionId("retention-child")).send().join().items().stream()
        .filter(child -> ended.contains(child.getParentProcessInstanceKey()))
        .map(ProcessInstance::getProcessInstanceKey).toList();
    assertThat(children).hasSize(2);

    // 29 days after: nothing is due yet
    client.newPinClockCommand().time(Instant.now().plus(29, ChronoUnit.DAYS).toEpochMilli()).send().join();
    assertThat(purge().get("cases").asLong()).isZero();

    client.newPinClockCommand().time(Instant.now().plus(31, ChronoUnit.DAYS).toEpochMilli()).send().join();
    JsonNode report = purge();
    assertThat(report.get("requestedBy").asText()).isEqualTo("demo");
    assertThat(report.get("finishedAt").isNull()).isFalse();
    assertThat(report.get("cases").asLong()).isEqualTo(2);
    assertThat(report.get("instances").asLong()).isEqualTo(4);
    assertThat(report.get("rows").asLong()).isGreaterThan(20);
    assertThat(report.get("processes").get(0).get("bpmnProcessId").asText()).isEqualTo("retention-case");

    for (long key : concat(ended, children)) {
      assertThat(catchThrowable(() -> client.newProcessInstanceGetRequest(key).send().join()))
          .as("instance %d", key).isInstanceOf(ProblemException.class).hasMessageContaining("404");
      assertThat(client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items())
          .isEmpty();
      assertThat(client.newVariableSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items())
          .isEmpty();
      assertThat(client.newJobSearchRequest().filter(f -> f.processInstanceKey(key)).send().join().items()).isEmpty();
      assertThat(historyRows("history_variable_change", key)).isZero();
      assertThat(historyRows("history_sequence_flow", key)).isZero();
    }
    // the running case and the kept process are untouched
    assertThat(client.newProcessInstanceGetRequest(running).send().join().getState())
        .isEqualTo(ProcessInstanceState.ACTIVE);
    assertThat(client.newProcessInstanceGetRequest(kept).send().join().getState())
        .isEqualTo(ProcessInstanceState.COMPLETED);
    assertThat(client.newVariableSearchRequest().filter(f -> f.processInstanceKey(kept)).send().join().items())
        .isNotEmpty();

    // the audit trail names the caller and each purged case, findable by the case's key
    for (long key : ended) {
      List<AuditPage.Item> entries = auditSearch.search(
          new AuditQuery(null, "PURGE_HISTORY", key, null, null, null, null, null)).items();
      assertThat(entries).hasSize(1);
      AuditPage.Item entry = entries.get(0);
      assertThat(entry.callerId()).isEqualTo("demo");
      assertThat(entry.target().get("bpmnProcessId").asText()).isEqualTo("retention-case");
      assertThat(entry.request().get("retention").asText()).isEqualTo("PT720H");
    }
    assertThat(auditVerifier.verify().valid()).isTrue();

    // status and configuration
    JsonNode view = JSON.readTree(http("GET", "/v2/relief/history/retention", null, true).body());
    assertThat(view.get("processes").get("retention-case").asText()).isEqualTo("PT720H");
    assertThat(view.get("processes").get("retention-kept").asText()).isEqualTo("keep");
    assertThat(view.get("defaultPeriod").asText()).isEqualTo("keep");
    assertThat(view.get("purge").get("cases").asLong()).isEqualTo(2); // the last run

    // a purged case that comes back (the history rebuilt from the log) is purged again
    long first = ended.get(0);
    reproject(first);
    assertThat(client.newProcessInstanceGetRequest(first).send().join().getProcessInstanceKey()).isEqualTo(first);
    JsonNode again = purge();
    assertThat(again.get("cases").asLong()).isEqualTo(1);
    assertThat(catchThrowable(() -> client.newProcessInstanceGetRequest(first).send().join()))
        .isInstanceOf(ProblemException.class);
    assertThat(auditSearch.search(new AuditQuery(null, "PURGE_HISTORY", first, null, null, null, null, null))
        .items()).hasSize(2);
  }

  @Test
  void purgingNeedsAuthentication() throws Exception {
    assertThat(http("POST", "/v2/relief/history/retention/purge", null, false).statusCode()).isEqualTo(401);
    assertThat(http("GET", "/v2/relief/history/retention", null, false).statusCode()).isEqualTo(401);
  }

  private JsonNode purge() throws Exception {
    HttpResponse<String> response = http("POST", "/v2/relief/history/retention/purge", null, true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private void completeJobs(CamundaClient client, String jobType, int count) {
    for (int i = 0; i < count; i++) {
      client.newCompleteCommand(activateOne(client, jobType)).send().join();
    }
  }

  private static void awaitState(CamundaClient client, long key, ProcessInstanceState state) {
    Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions()
        .until(() -> client.newProcessInstanceGetRequest(key).send().join().getState() == state);
  }

  private long historyRows(String table, long processInstanceKey) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("SELECT count(*) FROM " + table + " WHERE process_instance_key = ?")) {
      statement.setLong(1, processInstanceKey);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /** What rebuilding the history from the log does for one case: its instance row is back. */
  private void reproject(long processInstanceKey) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("""
            INSERT INTO history_process_instance (process_instance_key, process_definition_key, bpmn_process_id,
              version, state, start_date, end_date, root_process_instance_key, tenant_id)
            SELECT ?, process_definition_key, bpmn_process_id, version, 'COMPLETED', now(), now(), ?, '<default>'
            FROM history_process_definition WHERE bpmn_process_id = 'retention-case' LIMIT 1""")) {
      statement.setLong(1, processInstanceKey);
      statement.setLong(2, processInstanceKey);
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
  }

  private static List<Long> concat(List<Long> first, List<Long> second) {
    List<Long> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}

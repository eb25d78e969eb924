package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.engine.Engine;
import cn.relief.engine.audit.AuditAnchors;
import cn.relief.engine.audit.AuditMasking;
import cn.relief.engine.audit.AuditPage;
import cn.relief.engine.audit.AuditQuery;
import cn.relief.engine.audit.AuditRequest;
import cn.relief.engine.audit.AuditSearch;
import cn.relief.engine.audit.AuditVerification;
import cn.relief.engine.audit.AuditVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Who did what: every state-changing command through the real client is recorded once with its
 * caller, target keys, request data and outcome; the engine's own work is not attributed to a user;
 * the hash chain verifies, and finds an entry altered, deleted or reordered behind the trigger's back.
 */
class AuditTrailIT extends ClientTestSupport {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Autowired AuditSearch search;
  @Autowired AuditVerifier verifier;
  @Autowired AuditAnchors anchors;
  @Autowired Engine engine;

  @BeforeEach
  void chainIsIntactBefore() {
    // every test leaves the shared trail intact; if not, the failure shows in the test that broke it
    assertThat(verifier.verify().valid()).as("audit chain before the test").isTrue();
  }

  @OverBothTransports
  void everyCommandIsRecordedWithCallerTargetDataAndOutcome(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("audit", transport);
    String jobType = uniqueId("audit-job", transport);

    DeploymentEvent deployment = client.newDeployResourceCommand()
        .addProcessModel(oneTask(processId, jobType), processId + ".bpmn").send().join();
    AuditPage.Item deploy = onlyEntry("DEPLOY", deployment.getKey());
    assertThat(deploy.request().get("resources").get(0).get("name").asText()).isEqualTo(processId + ".bpmn");
    assertThat(deploy.request().get("resources").get(0).get("sha256").asText()).hasSize(64);
    assertThat(deploy.firstPosition()).isNotNull();

    long instance = startInstance(client, processId, Map.of("applicant", "张三", "idNumber", "110101199003071234"));
    AuditPage.Item create = onlyEntry("CREATE_PROCESS_INSTANCE", instance);
    assertThat(create.target().get("bpmnProcessId").asText()).isEqualTo(processId);
    assertThat(create.request().get("variables").get("applicant").asText()).isEqualTo("张三");

    ActivatedJob job = activateOne(client, jobType);
    client.newCompleteCommand(job).variables(Map.of("approved", true)).send().join();
    AuditPage.Item complete = onlyEntry("COMPLETE_JOB", job.getKey());
    assertThat(complete.request().get("variables").get("approved").asBoolean()).isTrue();

    // fail without retries -> incident; retries back; resolve
    long failing = startInstance(client, processId, Map.of());
    ActivatedJob failed = activateOne(client, jobType);
    client.newFailCommand(failed).retries(0).errorMessage("registry down").send().join();
    AuditPage.Item fail = onlyEntry("FAIL_JOB", failed.getKey());
    assertThat(fail.request().get("retries").asInt()).isZero();
    assertThat(fail.request().get("errorMessage").asText()).isEqualTo("registry down");
    Incident incident = awaitOpenIncident(failing);
    client.newUpdateRetriesCommand(failed).retries(1).send().join();
    assertThat(onlyEntry("UPDATE_JOB_RETRIES", failed.getKey()).request().get("retries").asInt()).isEqualTo(1);
    client.newResolveIncidentCommand(incident.key()).send().join();
    onlyEntry("RESOLVE_INCIDENT", incident.key());

    ActivatedJob erring = activateOne(client, jobType);
    client.newThrowErrorCommand(erring).errorCode("NOT_ELIGIBLE").errorMessage("income too high").send().join();
    AuditPage.Item error = onlyEntry("THROW_ERROR", erring.getKey());
    assertThat(error.request().get("errorCode").asText()).isEqualTo("NOT_ELIGIBLE");

    client.newSetVariablesCommand(failing).variables(Map.of("note", "called back")).send().join();
    AuditPage.Item variables = onlyEntry("SET_VARIABLES", failing);
    assertThat(variables.request().get("variables").get("note").asText()).isEqualTo("called back");

    long messageKey = client.newPublishMessageCommand().messageName(processId + "-msg").correlationKey("case-7")
        .timeToLive(Duration.ofMinutes(1)).send().join().getMessageKey();
    AuditPage.Item message = onlyEntry("PUBLISH_MESSAGE", messageKey);
    assertThat(message.request().get("name").asText()).isEqualTo(processId + "-msg");
    assertThat(message.request().get("correlationKey").asText()).isEqualTo("case-7");

    // a rejected command is recorded too, with the rejection
    long unknownJob = job.getKey() + 1_000_000;
    assertRejected(transport, () -> client.newCompleteCommand(unknownJob).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(unknownJob));
    AuditPage.Item rejected = onlyEntry("COMPLETE_JOB", unknownJob);
    assertThat(rejected.outcome()).isEqualTo("REJECTED");
    assertThat(rejected.rejectionType()).isEqualTo("NOT_FOUND");
    assertThat(rejected.rejectionMessage()).contains(String.valueOf(unknownJob));

    for (AuditPage.Item entry : List.of(deploy, create, complete, fail, error, variables, message, rejected)) {
      assertThat(entry.callerId()).as("caller of %s", entry.operation()).isEqualTo("demo");
      assertThat(entry.callerKind()).isEqualTo("USER");
      assertThat(entry.hash()).hasSize(64);
    }
    for (AuditPage.Item entry : List.of(deploy, create, complete, fail, error, variables, message)) {
      assertThat(entry.outcome()).as("outcome of %s", entry.operation()).isEqualTo("ACCEPTED");
    }
    // job activations are not audited: they are in the event log with the worker's name
    assertThat(entries(new AuditQuery(null, null, job.getKey(), null, null, null, null, null)))
        .extracting(AuditPage.Item::operation).containsExactly("COMPLETE_JOB");
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void aTimerFiringIsNotAttributedToAUser() {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("audit-timer", Transport.GRPC);
    deploy(client, Bpmn.createExecutableProcess(processId).startEvent()
        .intermediateCatchEvent("shortWait").timerWithDuration("PT0.2S").endEvent().done());
    long instance = startInstance(client, processId, Map.of());
    awaitInstanceState(instance, "COMPLETED");

    // the user created the instance; the timer that moved it on was the engine's doing and is not theirs
    assertThat(entries(new AuditQuery(null, null, instance, null, null, null, null, null)))
        .extracting(AuditPage.Item::operation, AuditPage.Item::callerId)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("CREATE_PROCESS_INSTANCE", "demo"));
  }

  @Test
  void anOperationOfTheEngineItselfIsRecordedAsTheEngine() {
    String operation = "TEST_PURGE_" + uniqueId("op", Transport.REST).replace('-', '_').toUpperCase();
    engine.recordEngineOperation(AuditRequest.of(operation).data("olderThan", "2020-01-01").build()).join();

    List<AuditPage.Item> found = entries(new AuditQuery(null, operation, null, null, null, null, null, null));
    assertThat(found).hasSize(1);
    assertThat(found.get(0).callerId()).isEqualTo("engine");
    assertThat(found.get(0).callerKind()).isEqualTo("ENGINE");
    assertThat(found.get(0).firstPosition()).isNull();
    assertThat(found.get(0).request().get("olderThan").asText()).isEqualTo("2020-01-01");
  }

  @Test
  void theRestEndpointsVerifyAndSearchForAuthenticatedCallersOnly() throws Exception {
    CamundaClient client = client(Transport.REST);
    String processId = uniqueId("audit-rest", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(processId).startEvent().endEvent().done());
    long instance = startInstance(client, processId, Map.of("applicant", "李四"));

    HttpResponse<String> verification = http("GET", "/v2/relief/audit/verification", null, true);
    assertThat(verification.statusCode()).isEqualTo(200);
    JsonNode result = JSON.readTree(verification.body());
    assertThat(result.get("valid").asBoolean()).isTrue();
    assertThat(result.get("entriesChecked").asLong()).isPositive();

    HttpResponse<String> page = http("POST", "/v2/relief/audit/search",
        "{\"targetKey\": " + instance + ", \"callerId\": \"demo\", \"maskPersonalData\": true}", true);
    assertThat(page.statusCode()).isEqualTo(200);
    JsonNode items = JSON.readTree(page.body()).get("items");
    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("operation").asText()).isEqualTo("CREATE_PROCESS_INSTANCE");
    assertThat(items.get(0).get("request").get("variables").get("applicant").asText()).isEqualTo(AuditMasking.MASK);

    // paging by sequence: pages of 2 walk the trail without overlap
    JsonNode first = JSON.readTree(http("POST", "/v2/relief/audit/search", "{\"pageSize\": 2}", true).body());
    long cursor = first.get("nextAfterSequence").asLong();
    JsonNode second = JSON.readTree(
        http("POST", "/v2/relief/audit/search", "{\"pageSize\": 2, \"afterSequence\": " + cursor + "}", true).body());
    assertThat(second.get("items").get(0).get("sequence").asLong()).isEqualTo(cursor + 1);

    assertThat(http("POST", "/v2/relief/audit/search", "{\"pageSize\": 1001}", true).statusCode()).isEqualTo(400);
    assertThat(http("GET", "/v2/relief/audit/verification", null, false).statusCode()).isEqualTo(401);
    assertThat(http("POST", "/v2/relief/audit/search", "{}", false).statusCode()).isEqualTo(401);
  }

  @Test
  void theTriggerRefusesUpdateDeleteAndTruncate() throws Exception {
    long sequence = recordEngineOperations(1).get(0);
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> statement.executeUpdate(
          "UPDATE engine_audit SET caller_id = 'someone-else' WHERE sequence = " + sequence))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("UPDATE");
      assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM engine_audit WHERE sequence = " + sequence))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only").hasMessageContaining("DELETE");
      assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE engine_audit"))
          .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void verificationFindsAnAlteredEntry() throws Exception {
    long sequence = recordEngineOperations(3).get(1);
    String original = queryString("SELECT request FROM engine_audit WHERE sequence = " + sequence);
    try {
      bypassingTheTrigger("UPDATE engine_audit SET request = '{\"olderThan\":\"1999-01-01\"}' WHERE sequence = "
          + sequence);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSequence()).isEqualTo(sequence);
      assertThat(result.problem()).contains("entry " + sequence).contains("altered");
    } finally {
      bypassingTheTrigger("UPDATE engine_audit SET request = '" + original.replace("'", "''")
          + "' WHERE sequence = " + sequence);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void verificationFindsADeletedEntry() throws Exception {
    long sequence = recordEngineOperations(3).get(1);
    String copy = "audit_deleted_" + sequence;
    try {
      bypassingTheTrigger("CREATE TABLE " + copy + " AS SELECT * FROM engine_audit WHERE sequence = " + sequence);
      bypassingTheTrigger("DELETE FROM engine_audit WHERE sequence = " + sequence);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSequence()).isEqualTo(sequence);
      assertThat(result.problem()).contains("entry " + sequence + " is missing").contains("deleted");
    } finally {
      bypassingTheTrigger("INSERT INTO engine_audit SELECT * FROM " + copy);
      bypassingTheTrigger("DROP TABLE " + copy);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void verificationFindsReorderedEntries() throws Exception {
    List<Long> sequences = recordEngineOperations(3);
    long first = sequences.get(0);
    long second = sequences.get(1);
    // through a free number: the primary key is checked row by row
    String swap = "UPDATE engine_audit SET sequence = -1 WHERE sequence = " + first + "; "
        + "UPDATE engine_audit SET sequence = " + first + " WHERE sequence = " + second + "; "
        + "UPDATE engine_audit SET sequence = " + second + " WHERE sequence = -1";
    try {
      bypassingTheTrigger(swap);
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSequence()).isEqualTo(first);
      assertThat(result.problem()).contains("entry " + first).contains("reordered");
    } finally {
      bypassingTheTrigger(swap);
    }
    assertThat(verifier.verify().valid()).isTrue();
  }

  @Test
  void verificationFindsEntriesCutOffTheEndByTheAnchorOutsideTheDatabase() throws Exception {
    List<Long> sequences = recordEngineOperations(3);
    long last = sequences.get(2);
    assertThat(anchors.anchorNow()).map(AuditAnchors.Anchor::sequence).contains(last);
    String copy = "audit_cut_" + last;
    try {
      bypassingTheTrigger("CREATE TABLE " + copy + " AS SELECT * FROM engine_audit WHERE sequence >= " + sequences.get(1));
      bypassingTheTrigger("DELETE FROM engine_audit WHERE sequence >= " + sequences.get(1));
      AuditVerification result = verifier.verify();
      assertThat(result.valid()).isFalse();
      assertThat(result.firstBrokenSequence()).isEqualTo(sequences.get(1));
      assertThat(result.problem()).contains("reach entry " + last).contains("removed from its end");
    } finally {
      bypassingTheTrigger("INSERT INTO engine_audit SELECT * FROM " + copy);
      bypassingTheTrigger("DROP TABLE " + copy);
    }
    AuditVerification restored = verifier.verify();
    assertThat(restored.valid()).isTrue();
    assertThat(restored.anchorsChecked()).isPositive();
  }

  @Test
  void aCopyOfTheTrailIsVerifiedByTableName() throws Exception {
    recordEngineOperations(2);
    String copy = "audit_copy_" + System.nanoTime();
    try {
      bypassingTheTrigger("CREATE TABLE " + copy + " AS SELECT * FROM engine_audit");
      assertThat(new AuditVerifier(dataSource, copy).verify().valid()).isTrue();
      // the copy has no trigger: altering it needs no bypass, and is found all the same
      bypassingTheTrigger("UPDATE " + copy + " SET caller_id = 'intruder' WHERE sequence = 1");
      AuditVerification result = new AuditVerifier(dataSource, copy).verify();
      assertThat(result.firstBrokenSequence()).isEqualTo(1L);
      assertThat(result.entriesChecked()).isEqualTo(1);
    } finally {
      bypassingTheTrigger("DROP TABLE IF EXISTS " + copy);
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The one entry of the operation whose target holds the key. */
  private AuditPage.Item onlyEntry(String operation, long targetKey) {
    List<AuditPage.Item> found = entries(new AuditQuery(null, operation, targetKey, null, null, null, null, null));
    assertThat(found).as("%s entries targeting %d", operation, targetKey).hasSize(1);
    return found.get(0);
  }

  private List<AuditPage.Item> entries(AuditQuery query) {
    return search.search(query).items();
  }

  /** Records engine operations and returns their sequences. */
  private List<Long> recordEngineOperations(int count) {
    String operation = "TEST_OPERATION_" + System.nanoTime();
    for (int i = 0; i < count; i++) {
      engine.recordEngineOperation(AuditRequest.of(operation).data("olderThan", "2020-0" + (i + 1) + "-01").build())
          .join();
    }
    return entries(new AuditQuery(null, operation, null, null, null, null, null, null)).stream()
        .map(AuditPage.Item::sequence).toList();
  }

  /** Runs a statement as a superuser whose session ignores triggers, as an intruder with database access would. */
  private void bypassingTheTrigger(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");
      try {
        statement.execute(sql);
      } finally {
        statement.execute("SET session_replication_role = DEFAULT");
      }
    }
  }

  private String queryString(String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        var rows = statement.executeQuery()) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

}

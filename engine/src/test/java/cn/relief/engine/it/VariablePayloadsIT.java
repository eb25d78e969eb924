package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camunda.client.CamundaClient;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Bad input (E8): generated variable documents (see {@link JsonDocuments}) sent with every request
 * that carries variables: create instance, set variables, complete job, publish message (REST and
 * gRPC) and correlate message (REST). Each is accepted or rejected with a 4xx / INVALID_ARGUMENT
 * and a message, never a 5xx / INTERNAL, and what was accepted reads back equal from the history
 * (numbers as doubles where they are not integers, as Zeebe keeps them).
 *
 * <p>{@code -Drelief.badinput.payloads=N} sets the number of documents per request kind (CI: 40).
 */
class VariablePayloadsIT extends ClientTestSupport {
  private static final int DOCUMENTS = Integer.getInteger("relief.badinput.payloads", 40);
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  /** Counts of accepted and rejected documents per request kind, for the printed figures. */
  private final Map<String, int[]> outcomes = new TreeMap<>();
  private final List<String> defects = new ArrayList<>();

  @Test
  void variableDocumentsAreAcceptedAndReadBackEqualOrRejectedWithAReason() throws Exception {
    String processId = uniqueId("payloads", Transport.REST);
    String jobType = processId + "-job";
    String startMessage = processId + "-start";
    CamundaClient client = client(Transport.REST);
    deploy(client, oneTask(processId, jobType));
    client.newDeployResourceCommand().addProcessModel(Bpmn.createExecutableProcess(processId + "-msg")
        .startEvent().message(startMessage).endEvent().done(), processId + "-msg.bpmn").send().join();
    Random random = new Random(Long.getLong("relief.badinput.seed", 20261130L));
    try (RawGrpc grpc = new RawGrpc(this.grpc.port())) {
      for (int i = 0; i < DOCUMENTS; i++) {
        boolean overGrpc = i % 2 == 1;
        String transport = overGrpc ? "gRPC" : "REST";
        // create an instance with a document
        String created = JsonDocuments.document(random);
        Long instance = overGrpc
            ? grpcCall("create instance", created, () -> grpc.stub().createProcessInstance(
                GatewayOuterClass.CreateProcessInstanceRequest.newBuilder().setBpmnProcessId(processId).setVersion(-1)
                    .setVariables(created).build()).getProcessInstanceKey())
            : restCall("create instance", created, "POST", "/v2/process-instances",
                "{\"processDefinitionId\": \"" + processId + "\", \"variables\": " + created + "}",
                body -> JSON.readTree(body).path("processInstanceKey").asLong());
        ObjectNode expected = JSON.createObjectNode();
        if (instance == null) {
          instance = startInstance(client, processId, Map.of());
        } else {
          expected.setAll(accepted("create instance", created));
          assertReadsBack(transport + " create instance", created, instance, expected);
        }
        long target = instance;

        // set variables on it
        String set = JsonDocuments.document(random);
        Boolean setAccepted = overGrpc
            ? grpcCall("set variables", set, () -> grpc.stub().setVariables(GatewayOuterClass.SetVariablesRequest
                .newBuilder().setElementInstanceKey(target).setVariables(set).build()) != null)
            : restCall("set variables", set, "PUT", "/v2/element-instances/" + target + "/variables",
                "{\"variables\": " + set + "}", body -> true);
        if (setAccepted != null) {
          expected.setAll(accepted("set variables", set));
          assertReadsBack(transport + " set variables", set, target, expected);
        }

        // complete its job with a document
        var job = activateOne(client, jobType);
        assertThat(job.getProcessInstanceKey()).isEqualTo(target);
        String completion = JsonDocuments.document(random);
        Boolean completed = overGrpc
            ? grpcCall("complete job", completion, () -> grpc.stub().completeJob(GatewayOuterClass.CompleteJobRequest
                .newBuilder().setJobKey(job.getKey()).setVariables(completion).build()) != null)
            : restCall("complete job", completion, "POST", "/v2/jobs/" + job.getKey() + "/completion",
                "{\"variables\": " + completion + "}", body -> true);
        if (completed != null) {
          expected.setAll(accepted("complete job", completion));
          assertReadsBack(transport + " complete job", completion, target, expected);
        } else {
          client.newCompleteCommand(job.getKey()).send().join();
        }
        awaitInstanceState(target, "COMPLETED");

        // publish a message with a document (no one waits for it)
        String published = JsonDocuments.document(random);
        if (overGrpc) {
          grpcCall("publish message", published, () -> grpc.stub().publishMessage(GatewayOuterClass
              .PublishMessageRequest.newBuilder().setName(processId + "-nobody").setCorrelationKey("k")
              .setTimeToLive(0).setVariables(published).build()) != null);
        } else {
          restCall("publish message", published, "POST", "/v2/messages/publication", "{\"name\": \"" + processId
              + "-nobody\", \"correlationKey\": \"k\", \"timeToLive\": 0, \"variables\": " + published + "}",
              body -> true);
        }

        // correlate a message that starts an instance with the document (REST only: no such RPC)
        String correlated = JsonDocuments.document(random);
        Long started = restCall("correlate message", correlated, "POST", "/v2/messages/correlation",
            "{\"name\": \"" + startMessage + "\", \"correlationKey\": \"\", \"variables\": " + correlated + "}",
            body -> JSON.readTree(body).path("processInstanceKey").asLong());
        if (started != null) {
          assertReadsBack("REST correlate message", correlated, started, accepted("correlate message", correlated));
        }
      }
    }
    outcomes.forEach((kind, counts) -> System.out.printf(
        "VariablePayloadsIT: %s: %d documents accepted and read back equal, %d rejected with a reason%n",
        kind, counts[0], counts[1]));
    assertThat(defects).as("requests answered with a server error or values read back different").isEmpty();
    // the engine still runs a known model
    String after = uniqueId("after-payloads", Transport.GRPC);
    CamundaClient grpcClient = client(Transport.GRPC);
    deploy(grpcClient, oneTask(after, after));
    long instance = startInstance(grpcClient, after, Map.of("x", 1));
    grpcClient.newCompleteCommand(activateOne(grpcClient, after).getKey()).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  @Test
  void aNulInAJobsErrorMessageReachesTheHistoryAsAReplacementCharacter() throws Exception {
    String processId = uniqueId("nul-message", Transport.REST);
    CamundaClient client = client(Transport.REST);
    deploy(client, oneTask(processId, processId));
    long instance = startInstance(client, processId, Map.of());
    var job = activateOne(client, processId);
    // a NUL in stored text failed the commit (and an UPDATE of the history) before
    HttpResponse<String> failed = http("POST", "/v2/jobs/" + job.getKey() + "/failure",
        "{\"retries\": 0, \"errorMessage\": \"bad\\u0000input\"}", true);
    assertThat(failed.statusCode()).as(failed.body()).isEqualTo(204);
    String message = eventually(() -> {
      try {
        JsonNode items = JSON.readTree(http("POST", "/v2/incidents/search",
            "{\"filter\": {\"processInstanceKey\": \"" + instance + "\"}}", true).body()).path("items");
        return items.isEmpty() ? null : items.get(0).path("errorMessage").asText();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, found -> found != null);
    assertThat(message).isEqualTo("bad\uFFFDinput");
    // and the engine goes on
    String after = uniqueId("after-nul", Transport.REST);
    deploy(client, oneTask(after, after));
    long next = startInstance(client, after, Map.of());
    client.newCompleteCommand(activateOne(client, after).getKey()).send().join();
    awaitInstanceState(next, "COMPLETED");
  }

  /**
   * The variables an accepted document sets: none for a blank one (gRPC's "no variables"); a
   * document that is not a JSON object should not have been accepted.
   */
  private ObjectNode accepted(String kind, String document) {
    try {
      JsonNode parsed = JSON.readTree(document);
      if (parsed == null || parsed.isMissingNode()) {
        return JSON.createObjectNode();
      }
      if (parsed.isObject()) {
        return (ObjectNode) parsed;
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      // falls through to the defect
    }
    defect(kind + " accepted " + excerpt(document) + ", which is not a JSON object");
    return JSON.createObjectNode();
  }

  private interface Reader<T> {
    T read(String body) throws Exception;
  }

  /** A REST request: the answer when accepted, null when rejected with a 4xx problem; a 5xx is a defect. */
  private <T> T restCall(String kind, String document, String method, String path, String body, Reader<T> reader)
      throws Exception {
    HttpResponse<String> response = http(method, path, body, true);
    String key = "REST " + kind;
    if (response.statusCode() < 300) {
      count(key, true);
      return reader.read(response.body());
    }
    if (response.statusCode() >= 500) {
      defect(key + " answered " + response.statusCode() + " " + response.body() + " for " + excerpt(document));
    } else {
      JsonNode problem = JSON.readTree(response.body());
      assertThat(response.headers().firstValue("Content-Type").orElse("")).as(key)
          .startsWith("application/problem+json");
      assertThat(problem.path("detail").asText()).as("%s rejection of %s", key, document).isNotBlank();
    }
    count(key, false);
    return null;
  }

  /** A gRPC call: the answer when accepted, null when rejected; INTERNAL, UNKNOWN or UNAVAILABLE is a defect. */
  private <T> T grpcCall(String kind, String document, Supplier<T> call) {
    String key = "gRPC " + kind;
    try {
      T answer = call.get();
      count(key, true);
      return answer;
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.INTERNAL || code == Status.Code.UNKNOWN || code == Status.Code.UNAVAILABLE) {
        defect(key + " answered " + e.getStatus() + " for " + excerpt(document));
      } else {
        assertThat(e.getStatus().getDescription()).as("%s rejection of %s", key, document).isNotBlank();
      }
      count(key, false);
      return null;
    }
  }

  /**
   * The instance's root variables, as the history has them, equal the expected ones: waits (up to
   * 10 s) until the history holds every expected name, then compares.
   */
  private void assertReadsBack(String kind, String document, long instance, ObjectNode expected) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    ObjectNode actual = historyVariables(instance);
    while (difference("", expected, actual) != null && !names(actual).containsAll(names(expected))
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
      actual = historyVariables(instance);
    }
    if (difference("", expected, actual) != null) {
      // a value may still be on its way (set twice); one more look before calling it a defect
      Thread.sleep(500);
      actual = historyVariables(instance);
    }
    String difference = difference("", expected, actual);
    if (difference != null) {
      defect(kind + " of " + excerpt(document) + " read back differently: " + difference);
    }
  }

  /** The root scope's variables of the instance, as the history's variable search answers them. */
  private ObjectNode historyVariables(long instance) throws Exception {
    HttpResponse<String> response = http("POST", "/v2/variables/search?truncateValues=false",
        "{\"filter\": {\"processInstanceKey\": \"" + instance + "\"}, \"page\": {\"limit\": 1000}}", true);
    assertThat(response.statusCode()).as("variable search: %s", response.body()).isEqualTo(200);
    ObjectNode variables = JSON.createObjectNode();
    for (JsonNode item : JSON.readTree(response.body()).path("items")) {
      if (item.path("scopeKey").asLong() == instance) {
        variables.set(item.path("name").asText(), JSON.readTree(item.path("value").asText()));
      }
    }
    return variables;
  }

  private void defect(String defect) {
    System.out.println("VariablePayloadsIT: DEFECT " + defect);
    defects.add(defect);
  }

  /** Null when equal; numbers compare exactly when both are integers, else as doubles (Zeebe's precision). */
  static String difference(String path, JsonNode expected, JsonNode actual) {
    if (expected.isNumber() && actual.isNumber()) {
      if (Double.isInfinite(expected.doubleValue())) {
        return path + ": " + expected + " is beyond a double, but was accepted as " + actual;
      }
      boolean integers = expected.isIntegralNumber() && actual.isIntegralNumber();
      boolean equal = integers ? expected.bigIntegerValue().equals(actual.bigIntegerValue())
          : expected.doubleValue() == actual.doubleValue();
      return equal ? null : path + ": expected " + expected + " but found " + actual;
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return path + ": expected the members " + names(expected) + " but found " + names(actual);
      }
      for (Iterator<Map.Entry<String, JsonNode>> members = expected.fields(); members.hasNext(); ) {
        Map.Entry<String, JsonNode> member = members.next();
        JsonNode other = actual.get(member.getKey());
        String inner = other == null ? path + "." + member.getKey() + ": missing"
            : difference(path + "." + member.getKey(), member.getValue(), other);
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        String inner = difference(path + "[" + i + "]", expected.get(i), actual.get(i));
        if (inner != null) {
          return inner;
        }
      }
      return null;
    }
    return expected.equals(actual) ? null : path + ": expected " + excerpt(expected.toString()) + " but found "
        + excerpt(actual.toString());
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private void count(String kind, boolean accepted) {
    outcomes.computeIfAbsent(kind, k -> new int[2])[accepted ? 0 : 1]++;
  }

  private static String excerpt(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}

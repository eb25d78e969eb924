package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Resources built to attack the deployer: DMN with document type declarations that would read a
 * file or fetch a URL (BPMN's are in {@link BadInputIT}), and resource names that look like paths
 * out of wherever resources might be written ({@code ../../etc/passwd}, {@code ..\x.bpmn},
 * absolute paths, NUL). The engine writes resources to no file: a name is a label in the event log
 * and the history, and must stay one.
 */
class HostileResourcesIT extends ClientTestSupport {

  @OverBothTransports
  void rejectsDmnWithDoctypeWithoutReadingFilesOrUrls(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    try (ExternalEntities entities = new ExternalEntities()) {
      for (ExternalEntities.Variant variant : entities.variants()) {
        String id = uniqueId("xxe-dmn", transport);
        String xml = "<?xml version=\"1.0\" encoding=\"" + variant.encoding() + "\"?>" + variant.prolog()
            + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"" + id + "\" name=\"x\""
            + " namespace=\"http://relief.cn/dmn\"><decision id=\"" + id + "-d\" name=\"" + variant.name() + "\">"
            + "<decisionTable id=\"t\"><input id=\"i\"><inputExpression id=\"ie\" typeRef=\"string\"><text>x</text>"
            + "</inputExpression></input><output id=\"o\" name=\"y\" typeRef=\"string\"/><rule id=\"r\">"
            + "<inputEntry id=\"e1\"><text>-</text></inputEntry><outputEntry id=\"e2\"><text>\"a\"</text>"
            + "</outputEntry></rule></decisionTable></decision></definitions>";
        byte[] content = xml.getBytes(Charset.forName(variant.encoding()));
        String resourceName = id + ".dmn";

        String message = assertRejected(transport,
            () -> client.newDeployResourceCommand().addResourceBytes(content, resourceName).send().join(),
            Status.Code.INVALID_ARGUMENT, 400, resourceName);
        assertThat(message).as(variant.toString()).doesNotContain(entities.secret);
        assertRejected(transport,
            () -> client.newEvaluateDecisionCommand().decisionId(id + "-d").send().join(),
            Status.Code.NOT_FOUND, 404, id + "-d");
      }
      assertThat(entities.connections()).as("connections to the external entity's URL").isZero();
    }
  }

  @OverBothTransports
  void resourceNamesLikePathsWriteNoFileAndStayLabels(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String marker = uniqueId("traversal", transport);
    Path outside = Files.createTempDirectory("relief-traversal");
    List<String> names = List.of("x\u0000y", "../../" + marker + ".bpmn", "..\\..\\" + marker + ".bpmn",
        outside.resolve(marker + ".bpmn").toString(), "../../etc/passwd", "/etc/passwd",
        marker + "\u0000.bpmn", "a/../../" + marker + ".bpmn", "%2e%2e%2f" + marker + ".bpmn");
    int refused = 0;
    int kept = 0;
    for (String name : names) {
      String processId = uniqueId("named", transport);
      String xml = Bpmn.convertToString(oneTask(processId, processId));
      Throwable failure = catchThrowable(() -> {
        DeploymentEvent deployment = client.newDeployResourceCommand()
            .addResourceBytes(xml.getBytes(StandardCharsets.UTF_8), name).send().join();
        // accepted: the name is kept as given, a label, and the process runs
        assertThat(deployment.getProcesses()).as(name).singleElement()
            .satisfies(process -> assertThat(process.getResourceName()).isEqualTo(name));
      });
      System.out.printf("HostileResourcesIT %s: resource name %s %s%n", transport, name.replace("\0", "\\0"),
          failure == null ? "kept as a label" : "refused");
      if (failure == null) {
        assertThat(name).as("a name with a NUL").doesNotContain("\0");
        kept++;
        startInstance(client, processId, java.util.Map.of());
      } else {
        // refused as a request (an assertion above failing is no refusal)
        assertThat(failure).as("deploying under %s", name).isInstanceOf(io.camunda.client.api.command.ClientException.class);
        refused++;
      }
    }
    System.out.printf("HostileResourcesIT %s: %d path-like resource names, %d refused, %d kept as labels%n",
        transport, names.size(), refused, kept);
    for (Path written : List.of(Path.of("..", "..", marker + ".bpmn"), Path.of("..", marker + ".bpmn"),
        outside.resolve(marker + ".bpmn"), Path.of(marker + ".bpmn"))) {
      assertThat(written).as("a file named after a resource").doesNotExist();
    }
    Files.delete(outside);
    assertThat(client.newTopologyRequest().send().join().getBrokers()).isNotEmpty();
  }

  /**
   * A NUL in any string a caller sends (PostgreSQL text cannot hold one) neither fails the commit
   * of the rejection that quotes it, nor stops the history, nor breaks the audit chain.
   */
  @OverBothTransports
  void aNulInAStringStopsNeitherTheEngineNorItsHistory(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    boolean chainValidBefore = chainValid();
    String processId = uniqueId("nul", transport);
    String jobType = uniqueId("nul-type", transport);
    deploy(client, oneTask(processId, jobType));
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(processId + "\0x").latestVersion().send().join(),
        Status.Code.NOT_FOUND, 404, processId);
    // a variable holding a NUL is refused whole (it could only be stored altered), with the reason
    assertRejected(transport,
        () -> client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(java.util.Map.of("note", "a\0b")).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "NUL");
    long instance = startInstance(client, processId, java.util.Map.of("note", "ab"));
    var job = activateOne(client, jobType);
    client.newFailCommand(job.getKey()).retries(0).errorMessage("bad\0input").send().join();
    client.newPublishMessageCommand().messageName("nul\0message").correlationKey("key\0").send().join();
    // the history follows: the incident with the error message, and a later instance too
    var incidents = eventually(() -> client.newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance)).send().join().items(), items -> !items.isEmpty());
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("bad" + cn.relief.engine.log.CopyText.NUL_REPLACEMENT + "input");
    long later = startInstance(client, processId, java.util.Map.of());
    eventually(() -> client.newProcessInstanceSearchRequest().filter(f -> f.processInstanceKey(later)).send().join()
        .items(), items -> !items.isEmpty());
    if (chainValidBefore) {
      assertThat(chainValid()).as("the audit chain, valid before").isTrue();
    }
  }

  private boolean chainValid() throws Exception {
    var verification = http("GET", "/v2/relief/audit/verification", null, true);
    assertThat(verification.statusCode()).isEqualTo(200);
    return new com.fasterxml.jackson.databind.ObjectMapper().readTree(verification.body()).get("valid").asBoolean();
  }

}

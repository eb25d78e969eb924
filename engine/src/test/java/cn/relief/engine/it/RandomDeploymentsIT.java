package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.deployment.GeneratedModels;
import cn.relief.engine.deployment.ResourceMutations;
import cn.relief.engine.deployment.ResourceMutations.Kind;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.RebuiltState;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Process;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Bad input (E8) through the engine: random deployments, damaged relief models and generated ones
 * (see {@link ResourceMutations}), alternately over REST and gRPC. Each is accepted or rejected with
 * 400 / INVALID_ARGUMENT (413 / RESOURCE_EXHAUSTED over the size limits) and a message, never a
 * 500 / INTERNAL; afterwards the engine still deploys and runs a known model, every accepted
 * process is found by the search, and the event log still replays into a state that holds them all.
 *
 * <p>{@code -Drelief.badinput.deployments=N} sets the number of deployments (CI: 100).
 */
class RandomDeploymentsIT extends ClientTestSupport {
  private static final int DEPLOYMENTS = Integer.getInteger("relief.badinput.deployments", 100);
  private static final String[] ODD_NAMES = {
      "../escape.bpmn", "/abs.bpmn", "dir\\x.bpmn", "救助.bpmn", "x.BPMN", "x.txt", "x", ".bpmn", "x.bpmn.form",
      "a".repeat(2_000) + ".bpmn", "x .dmn", "x\u0000.bpmn", "\uD83D\uDE00.form", "x.xml",
  };

  @Test
  void randomDeploymentsAreAcceptedOrRejectedWithAReasonAndTheEngineKeepsWorking() throws Exception {
    List<byte[]> bpmn = ResourceMutations.filesUnder(Path.of("../processes/src/main/resources"), ".bpmn");
    List<byte[]> dmn = ResourceMutations.filesUnder(Path.of("../processes/src/main/resources"), ".dmn");
    List<byte[]> forms = ResourceMutations.filesUnder(Path.of("../forms/src/main/resources"), ".form");
    Random random = new Random(Long.getLong("relief.badinput.seed", 20261130L));
    CamundaClient rest = client(Transport.REST);
    CamundaClient grpcClient = client(Transport.GRPC);
    List<Long> acceptedProcesses = new ArrayList<>();
    int[] accepted = new int[2];
    int[] rejected = new int[2];
    long started = System.nanoTime();
    for (int i = 0; i < DEPLOYMENTS; i++) {
      Transport transport = i % 2 == 0 ? Transport.REST : Transport.GRPC;
      CamundaClient client = transport == Transport.REST ? rest : grpcClient;
      long seed = random.nextLong();
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      String name;
      byte[] content;
      switch (random.nextInt(6)) {
        case 0, 1 -> {
          name = "fuzz-" + i + ".bpmn";
          content = ResourceMutations.mutate(pick(bpmn, random), kind, seed);
        }
        case 2 -> {
          name = "fuzz-" + i + ".dmn";
          content = ResourceMutations.mutate(pick(dmn, random), kind, seed);
        }
        case 3 -> {
          name = "fuzz-" + i + ".form";
          content = ResourceMutations.mutateJson(pick(forms, random), kind, seed);
        }
        case 4 -> {
          name = "fuzz-" + i + ".bpmn";
          content = GeneratedModels.randomGraph("fuzz-graph-" + i, 1 + random.nextInt(15), seed)
              .getBytes(StandardCharsets.UTF_8);
        }
        default -> {
          name = ODD_NAMES[random.nextInt(ODD_NAMES.length)];
          content = pick(random.nextBoolean() ? bpmn : forms, random);
        }
      }
      String what = transport + " deployment " + i + " (" + kind + ", seed " + seed + ") of '" + name + "'";
      try {
        DeploymentEvent deployment = client.newDeployResourceCommand().addResourceBytes(content, name)
            .send().join(Duration.ofSeconds(60).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        deployment.getProcesses().forEach(p -> acceptedProcesses.add(p.getProcessDefinitionKey()));
        accepted[transport.ordinal()]++;
      } catch (ProblemException problem) {
        // 400 as a rule; a name or content over the upload limits gets 413
        assertThat(problem.code()).as("HTTP status of %s: %s", what, problem.details()).isIn(400, 413);
        assertThat(problem.details().getDetail()).as(what).isNotBlank();
        rejected[transport.ordinal()]++;
      } catch (ClientStatusException status) {
        assertThat(status.getStatusCode()).as("gRPC status of %s: %s", what, status.getStatus())
            .isIn(Status.Code.INVALID_ARGUMENT, Status.Code.RESOURCE_EXHAUSTED);
        assertThat(status.getStatus().getDescription()).as(what).isNotBlank();
        rejected[transport.ordinal()]++;
      }
    }
    long millis = (System.nanoTime() - started) / 1_000_000;
    System.out.printf("RandomDeploymentsIT: %d random deployments in %d ms; REST %d accepted, %d rejected;"
        + " gRPC %d accepted, %d rejected; %d processes deployed%n", DEPLOYMENTS, millis, accepted[0], rejected[0],
        accepted[1], rejected[1], acceptedProcesses.size());

    // the engine still deploys and runs a known model
    for (Transport transport : Transport.values()) {
      assertKnownModelRuns(client(transport), transport);
    }
    // every accepted process is in the history
    for (long key : acceptedProcesses) {
      org.awaitility.Awaitility.await("process definition " + key + " in the history").atMost(Duration.ofSeconds(10))
          .ignoreExceptions().until(() -> rest.newProcessDefinitionGetRequest(key).send().join() != null);
    }
    // and the log replays into a state that holds every one of them (a stored model that the
    // engine could not read back would stop it at its next start)
    ObjectMapper json = new ObjectMapper();
    EngineState rebuilt = RebuiltState.state(new PostgresEventLog(dataSource, json, 1), json);
    for (long key : acceptedProcesses) {
      assertThat(rebuilt.processes().byKey(key)).as("process %d after replay", key).isNotNull();
    }
  }

  @Test
  void subProcessesNestedAsDeepAsAllowedRunAndCancelAndOneLevelMoreIsRejected() {
    CamundaClient client = client(Transport.GRPC);
    String processId = uniqueId("nested", Transport.GRPC);
    String jobType = processId + "-job";
    String deepest = GeneratedModels.nestedSubProcesses(processId, BpmnTransformer.MAX_SCOPE_DEPTH)
        .replace("<bpmn:startEvent id=\"inner\"/>", "<bpmn:startEvent id=\"inner\"/>"
            + "<bpmn:sequenceFlow id=\"toWork\" sourceRef=\"inner\" targetRef=\"work\"/>"
            + "<bpmn:serviceTask id=\"work\"><bpmn:extensionElements><zeebe:taskDefinition type=\"" + jobType
            + "\"/></bpmn:extensionElements></bpmn:serviceTask>");
    client.newDeployResourceCommand().addResourceBytes(deepest.getBytes(StandardCharsets.UTF_8), processId + ".bpmn")
        .send().join();
    long completed = startInstance(client, processId, java.util.Map.of());
    client.newCompleteCommand(activateOne(client, jobType).getKey()).send().join();
    awaitInstanceState(completed, "COMPLETED");
    long cancelled = startInstance(client, processId, java.util.Map.of());
    activateOne(client, jobType);
    client.newCancelInstanceCommand(cancelled).send().join();
    awaitInstanceState(cancelled, "TERMINATED");

    String tooDeep = GeneratedModels.nestedSubProcesses(processId, BpmnTransformer.MAX_SCOPE_DEPTH + 1);
    assertRejected(Transport.GRPC, () -> client.newDeployResourceCommand()
            .addResourceBytes(tooDeep.getBytes(StandardCharsets.UTF_8), processId + ".bpmn").send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "nest at most " + BpmnTransformer.MAX_SCOPE_DEPTH);
  }

  private void assertKnownModelRuns(CamundaClient client, Transport transport) {
    String processId = uniqueId("after-fuzz", transport);
    Process process = deploy(client, oneTask(processId, processId + "-job"));
    assertThat(process.getVersion()).isEqualTo(1);
    long instance = startInstance(client, processId, java.util.Map.of("n", 1));
    var job = activateOne(client, processId + "-job");
    client.newCompleteCommand(job.getKey()).variables(java.util.Map.of("done", true)).send().join();
    awaitInstanceState(instance, "COMPLETED");
  }

  private static byte[] pick(List<byte[]> seeds, Random random) {
    assertThat(seeds).as("seed models (the relief models of the processes and forms modules)").isNotEmpty();
    return seeds.get(random.nextInt(seeds.size()));
  }
}

package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.response.ActivateJobsResponse;
import io.camunda.client.api.response.ActivatedJob;
import io.grpc.Status;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;

/**
 * The job lifecycle as workers drive it: long-polling activation, timeouts, completion, failure
 * with and without back-off, incidents for exhausted retries and unhandled errors, updates.
 */
class JobIT extends ClientTestSupport {

  @OverBothTransports
  void longPollWaitsAndReturnsAJobCreatedDuringTheWait(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("long-poll", transport);
    String jobType = uniqueId("long-poll", transport);
    deploy(client, oneTask(processId, jobType));

    CamundaFuture<ActivateJobsResponse> poll = client.newActivateJobsCommand().jobType(jobType)
        .maxJobsToActivate(5).timeout(Duration.ofMinutes(1)).requestTimeout(Duration.ofSeconds(10)).send();
    Thread.sleep(700);
    assertThat(poll.isDone()).as("long poll done before any job exists").isFalse();

    long instanceKey = startInstance(client, processId, Map.of());
    long created = System.nanoTime();
    List<ActivatedJob> jobs = poll.join().getJobs();

    assertThat(Duration.ofNanos(System.nanoTime() - created)).isLessThan(Duration.ofSeconds(3));
    assertThat(jobs).singleElement().satisfies(job -> assertThat(job.getProcessInstanceKey()).isEqualTo(instanceKey));
  }

  @OverBothTransports
  void aJobGoesToOneOfTwoWaitingLongPollsAndTheOtherKeepsWaiting(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("two-polls", transport);
    String jobType = uniqueId("two-polls", transport);
    deploy(client, oneTask(processId, jobType));

    List<CamundaFuture<ActivateJobsResponse>> polls = List.of(
        client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(10))
            .send(),
        client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1).requestTimeout(Duration.ofSeconds(10))
            .send());
    startInstance(client, processId, Map.of("n", 1));

    Awaitility.await().atMost(Duration.ofSeconds(3))
        .until(() -> polls.stream().anyMatch(Future::isDone));
    CamundaFuture<ActivateJobsResponse> first = polls.get(0).isDone() ? polls.get(0) : polls.get(1);
    CamundaFuture<ActivateJobsResponse> second = first == polls.get(0) ? polls.get(1) : polls.get(0);
    assertThat(first.join().getJobs()).hasSize(1);
    assertThat(second.isDone()).as("the other long poll is done").isFalse();

    startInstance(client, processId, Map.of("n", 2));
    assertThat(second.join().getJobs()).singleElement()
        .satisfies(job -> assertThat(job.getVariablesAsMap()).containsEntry("n", 2));
  }

  @OverBothTransports
  void longPollWithoutJobsAnswersEmptyAfterItsRequestTimeout(Transport transport) {
    CamundaClient client = client(transport);
    String jobType = uniqueId("empty-poll", transport);

    long started = System.nanoTime();
    List<ActivatedJob> jobs = activate(client, jobType, 1, Duration.ofMinutes(1), Duration.ofSeconds(1));

    assertThat(jobs).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(4));
  }

  @OverBothTransports
  void activatesAtMostMaxJobsForTheNamedWorker(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("max-jobs", transport);
    String jobType = uniqueId("max-jobs", transport);
    deploy(client, oneTask(processId, jobType));
    for (int i = 0; i < 3; i++) {
      startInstance(client, processId, Map.of("i", i));
    }

    long before = System.currentTimeMillis();
    List<ActivatedJob> first = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(2)
        .workerName("relief-worker-7").timeout(Duration.ofMinutes(1)).send().join().getJobs();
    assertThat(first).hasSize(2).allSatisfy(job -> {
      assertThat(job.getWorker()).isEqualTo("relief-worker-7");
      assertThat(job.getDeadline()).isBetween(before + 59_000, System.currentTimeMillis() + 61_000);
    });

    List<ActivatedJob> rest = activate(client, jobType, 5, Duration.ofMinutes(1), Duration.ofSeconds(1));
    assertThat(rest).hasSize(1);
    assertThat(rest.get(0).getKey()).isNotIn(first.get(0).getKey(), first.get(1).getKey());
    assertThat(List.of(first.get(0), first.get(1), rest.get(0)))
        .extracting(job -> job.getVariablesAsMap().get("i")).containsExactlyInAnyOrder(0, 1, 2);
  }

  @OverBothTransports
  void aJobWhoseTimeoutPassedIsActivatableAgain(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("job-timeout", transport);
    String jobType = uniqueId("job-timeout", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());

    ActivatedJob job = activateOne(client, jobType, Duration.ofSeconds(1));
    long activated = System.nanoTime();
    assertNoActivatableJob(client, jobType, Duration.ofMillis(200));

    ActivatedJob again = activateOne(client, jobType);
    // the deadline counts from the activation in the engine, a little before the client saw it
    assertThat(Duration.ofNanos(System.nanoTime() - activated)).isGreaterThan(Duration.ofMillis(700));
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(job.getRetries());
    client.newCompleteCommand(again).send().join();
  }

  @OverBothTransports
  void fetchesOnlyTheRequestedVariables(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("fetch-variables", transport);
    String jobType = uniqueId("fetch-variables", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of("a", 1, "b", "two", "c", List.of(3)));

    List<ActivatedJob> jobs = client.newActivateJobsCommand().jobType(jobType).maxJobsToActivate(1)
        .fetchVariables("a", "c", "missing").requestTimeout(Duration.ofSeconds(5)).send().join().getJobs();

    assertThat(jobs).singleElement()
        .satisfies(job -> assertThat(job.getVariablesAsMap()).isEqualTo(Map.of("a", 1, "c", List.of(3))));
  }

  @OverBothTransports
  void aFailedJobWithRetriesLeftIsActivatableAgain(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("fail-retry", transport);
    String jobType = uniqueId("fail-retry", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);
    assertThat(job.getRetries()).isEqualTo(3);

    client.newFailCommand(job).retries(2).errorMessage("registry unreachable")
        .variables(Map.of("attempts", 1)).send().join();

    ActivatedJob again = activateOne(client, jobType);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    // variables sent with a failure are local to the task: the next attempt sees them
    assertThat(again.getVariablesAsMap()).containsEntry("attempts", 1);
  }

  @OverBothTransports
  void aFailedJobWithBackOffWaitsBeforeItIsActivatableAgain(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("fail-backoff", transport);
    String jobType = uniqueId("fail-backoff", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);

    client.newFailCommand(job).retries(1).retryBackoff(Duration.ofMillis(1500)).send().join();
    long failed = System.nanoTime();

    assertNoActivatableJob(client, jobType, Duration.ofMillis(600));
    ActivatedJob again = activateOne(client, jobType);
    assertThat(Duration.ofNanos(System.nanoTime() - failed)).isGreaterThan(Duration.ofMillis(1200));
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(1);
  }

  @OverBothTransports
  void failingWithoutRetriesRaisesAnIncidentResolvableAfterUpdatingRetries(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("fail-incident", transport);
    String jobType = uniqueId("fail-incident", transport);
    deploy(client, oneTask(processId, jobType));
    long instanceKey = startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);

    client.newFailCommand(job).retries(0).errorMessage("registry rejected the ID number").send().join();

    Incident incident = awaitOpenIncident(instanceKey);
    assertThat(incident.errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.errorMessage()).isEqualTo("registry rejected the ID number");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertThat(incident.elementId()).isEqualTo("task");
    assertNoActivatableJob(client, jobType, Duration.ofMillis(200));

    // with no retries, resolving would only fail again
    assertRejected(transport, () -> client.newResolveIncidentCommand(incident.key()).send().join(),
        Status.Code.FAILED_PRECONDITION, 409, String.valueOf(incident.key()), "retries");

    client.newUpdateRetriesCommand(job).retries(2).send().join();
    assertNoActivatableJob(client, jobType, Duration.ofMillis(100));
    client.newResolveIncidentCommand(incident.key()).send().join();

    ActivatedJob again = activateOne(client, jobType);
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(2);
    assertThat(openIncidents(instanceKey)).isEmpty();
    assertRejected(transport, () -> client.newResolveIncidentCommand(incident.key()).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(incident.key()));
    client.newCompleteCommand(again).send().join();
  }

  @OverBothTransports
  void anUncaughtErrorRaisesAnIncident(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String processId = uniqueId("throw-error", transport);
    String jobType = uniqueId("throw-error", transport);
    deploy(client, oneTask(processId, jobType));
    long instanceKey = startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);

    client.newThrowErrorCommand(job).errorCode("NO_BUDGET").errorMessage("relief budget exhausted").send().join();

    Incident incident = awaitOpenIncident(instanceKey);
    assertThat(incident.errorType()).isEqualTo("UNHANDLED_ERROR_EVENT");
    assertThat(incident.errorMessage()).contains("NO_BUDGET").contains("relief budget exhausted");
    assertThat(incident.jobKey()).isEqualTo(job.getKey());
    assertNoActivatableJob(client, jobType, Duration.ofMillis(200));

    client.newResolveIncidentCommand(incident.key()).send().join();
    ActivatedJob again = activateOne(client, jobType);
    assertThat(again.getKey()).isEqualTo(job.getKey());
  }

  @OverBothTransports
  void updatesRetriesAndTimeoutOfAnActivatedJob(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("update-job", transport);
    String jobType = uniqueId("update-job", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType, Duration.ofMinutes(5));

    client.newUpdateRetriesCommand(job).retries(7).send().join();
    // shortening the timeout lets the job time out soon, with the new retries
    client.newUpdateTimeoutCommand(job).timeout(Duration.ofMillis(500)).send().join();
    long updated = System.nanoTime();

    ActivatedJob again = activateOne(client, jobType, Duration.ofSeconds(1));
    assertThat(Duration.ofNanos(System.nanoTime() - updated)).isLessThan(Duration.ofSeconds(4));
    assertThat(again.getKey()).isEqualTo(job.getKey());
    assertThat(again.getRetries()).isEqualTo(7);

    // extending the timeout keeps the job locked past its original 1 s deadline
    client.newUpdateTimeoutCommand(again).timeout(Duration.ofSeconds(30)).send().join();
    assertNoActivatableJob(client, jobType, Duration.ofMillis(1_500));
    client.newCompleteCommand(again).send().join();

    assertRejected(transport, () -> client.newUpdateRetriesCommand(again).retries(1).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(again.getKey()));
    assertRejected(transport, () -> client.newUpdateTimeoutCommand(again).timeout(Duration.ofSeconds(1)).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(again.getKey()));
  }

  @OverBothTransports
  void rejectsRetriesBelowOne(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("zero-retries", transport);
    String jobType = uniqueId("zero-retries", transport);
    deploy(client, oneTask(processId, jobType));
    startInstance(client, processId, Map.of());
    ActivatedJob job = activateOne(client, jobType);

    assertRejected(transport, () -> client.newUpdateRetriesCommand(job).retries(0).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, String.valueOf(job.getKey()), "0");
    client.newCompleteCommand(job).send().join();
  }

  @OverBothTransports
  void aJobWorkerCompletesJobsWithVariables(Transport transport) {
    CamundaClient client = client(transport);
    String processId = uniqueId("worker", transport);
    String jobType = uniqueId("worker", transport);
    deploy(client, oneTask(processId, jobType));

    try (var worker = client.newWorker().jobType(jobType).handler((jobClient, job) -> jobClient
            .newCompleteCommand(job)
            .variables(Map.of("handledBy", job.getWorker(), "doubled", ((Number) job.getVariable("n")).intValue() * 2))
            .send().join())
        .name("relief-worker").timeout(Duration.ofSeconds(30)).open()) {
      for (int n = 1; n <= 3; n++) {
        var result = client.newCreateInstanceCommand().bpmnProcessId(processId).latestVersion()
            .variables(Map.of("n", n)).withResult().send().join();
        assertThat(result.getVariablesAsMap())
            .isEqualTo(Map.of("n", n, "doubled", 2 * n, "handledBy", "relief-worker"));
      }
    }
  }
}

package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.AsyncResponses.noContent;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.ActivatedJobResult;
import io.camunda.client.protocol.rest.JobActivationRequest;
import io.camunda.client.protocol.rest.JobActivationResult;
import io.camunda.client.protocol.rest.JobChangeset;
import io.camunda.client.protocol.rest.JobCompletionRequest;
import io.camunda.client.protocol.rest.JobErrorRequest;
import io.camunda.client.protocol.rest.JobFailRequest;
import io.camunda.client.protocol.rest.JobKindEnum;
import io.camunda.client.protocol.rest.JobListenerEventTypeEnum;
import io.camunda.client.protocol.rest.JobResult;
import io.camunda.client.protocol.rest.JobResultUserTask;
import io.camunda.client.protocol.rest.UserTaskProperties;
import io.camunda.client.protocol.rest.JobUpdateRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The job endpoints a job worker uses: activation (long polling), completion, failure, error and
 * update of retries/timeout. All but activation answer 204 without a body.
 */
@RestController
public class JobController {

  /** Long polling time when the request names none (or 0), as in Zeebe and the gRPC gateway. */
  static final Duration DEFAULT_LONG_POLLING_TIMEOUT = Duration.ofSeconds(10);


  private final EngineApi api;

  public JobController(EngineApi api) {
    this.api = api;
  }

  /**
   * Activates jobs. Activation is committed before the answer is sent, so jobs that arrive after the
   * request expired are handed back (failed with their retries unchanged and no back-off) instead of
   * staying locked until their timeout.
   */
  @PostMapping("/v2/jobs/activation")
  public DeferredResult<JobActivationResult> activate(@RequestBody JobActivationRequest request) {
    String type = RestRequests.requireText("type", request.getType());
    Integer maxJobs = RestRequests.requirePresent("maxJobsToActivate", request.getMaxJobsToActivate());
    if (maxJobs < 1) {
      throw RestRequestException.invalid("Expected maxJobsToActivate to be at least 1, but found " + maxJobs);
    }
    Long timeout = RestRequests.requirePresent("timeout", request.getTimeout());
    if (timeout < 1) {
      throw RestRequestException.invalid("Expected timeout to be at least 1 ms, but found " + timeout);
    }
    Duration longPolling = longPollingTimeout(request.getRequestTimeout());
    EngineApi.ActivateJobs command = new EngineApi.ActivateJobs(
        type,
        request.getWorker() == null ? "" : request.getWorker(),
        Duration.ofMillis(timeout),
        maxJobs,
        RestRequests.names("fetchVariable", request.getFetchVariable()),
        longPolling,
        RestRequests.tenants(request.getTenantIds()));
    return AsyncResponses.deferred(
        api.activateJobs(command), longPolling, JobController::toResult, api::yieldJobs, false);
  }

  @PostMapping("/v2/jobs/{jobKey}/completion")
  public CompletableFuture<ResponseEntity<Void>> complete(
      @PathVariable("jobKey") String jobKey, @RequestBody(required = false) JobCompletionRequest request) {
    long key = RestRequests.key("jobKey", jobKey);
    Map<String, Object> variables = RestRequests.variables(request == null ? null : request.getVariables());
    EngineApi.JobResult result = request == null || request.getResult() == null ? null : jobResult(key, request.getResult());
    return noContent(api.completeJob(key, variables, result));
  }

  /** A task listener's verdict; ad-hoc sub-process results are refused, this engine has none. */
  private static EngineApi.JobResult jobResult(long key, JobResult result) {
    if (!(result instanceof JobResultUserTask userTask)) {
      throw RestRequestException.invalid("Expected a job result of type 'userTask' for job " + key + ", but it was '"
          + result.getType() + "'; ad-hoc sub-processes are not supported");
    }
    io.camunda.client.protocol.rest.JobResultCorrections c = userTask.getCorrections();
    EngineApi.Corrections corrections = c == null ? null : new EngineApi.Corrections(c.getAssignee(), c.getDueDate(),
        c.getFollowUpDate(), c.getCandidateUsers(), c.getCandidateGroups(), c.getPriority());
    return new EngineApi.JobResult(Boolean.TRUE.equals(userTask.getDenied()), userTask.getDeniedReason(), corrections);
  }

  @PostMapping("/v2/jobs/{jobKey}/failure")
  public CompletableFuture<ResponseEntity<Void>> fail(
      @PathVariable("jobKey") String jobKey, @RequestBody(required = false) JobFailRequest request) {
    long key = RestRequests.key("jobKey", jobKey);
    JobFailRequest body = request == null ? new JobFailRequest() : request;
    // REST v2 defaults: no retries left and no back-off, i.e. an incident unless retries are given.
    int retries = body.getRetries() == null ? 0 : body.getRetries();
    long backOff = RestRequests.nonNegativeMillis("retryBackOff", body.getRetryBackOff(), 0);
    return noContent(api.failJob(
        key, retries, body.getErrorMessage() == null ? "" : body.getErrorMessage(),
        Duration.ofMillis(backOff), RestRequests.variables(body.getVariables())));
  }

  @PostMapping("/v2/jobs/{jobKey}/error")
  public CompletableFuture<ResponseEntity<Void>> throwError(
      @PathVariable("jobKey") String jobKey, @RequestBody JobErrorRequest request) {
    long key = RestRequests.key("jobKey", jobKey);
    String errorCode = RestRequests.requireText("errorCode", request.getErrorCode());
    return noContent(api.throwError(
        key, errorCode, request.getErrorMessage() == null ? "" : request.getErrorMessage(),
        RestRequests.variables(request.getVariables())));
  }

  /**
   * Updates retries and/or timeout. The engine has one command per field; when both are given,
   * retries are updated first and the timeout only after that succeeded.
   */
  @PatchMapping("/v2/jobs/{jobKey}")
  public CompletableFuture<ResponseEntity<Void>> update(
      @PathVariable("jobKey") String jobKey, @RequestBody JobUpdateRequest request) {
    long key = RestRequests.key("jobKey", jobKey);
    JobChangeset changeset = RestRequests.requirePresent("changeset", request.getChangeset());
    Integer retries = changeset.getRetries();
    Long timeout = changeset.getTimeout();
    if (retries == null && timeout == null) {
      throw RestRequestException.invalid(
          "Expected changeset to contain retries and/or timeout, but it contained neither");
    }
    if (retries == null) {
      return noContent(api.updateJobTimeout(key, Duration.ofMillis(timeout)));
    }
    CompletableFuture<Void> updated = api.updateJobRetries(key, retries);
    if (timeout != null) {
      updated = updated.thenCompose(ignored -> api.updateJobTimeout(key, Duration.ofMillis(timeout)));
    }
    return noContent(updated);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** requestTimeout &lt; 0 disables long polling, null or 0 asks for the default. */
  static Duration longPollingTimeout(Long requestTimeoutMillis) {
    if (requestTimeoutMillis == null || requestTimeoutMillis == 0) {
      return DEFAULT_LONG_POLLING_TIMEOUT;
    }
    return requestTimeoutMillis < 0 ? Duration.ZERO : Duration.ofMillis(requestTimeoutMillis);
  }

  private static JobActivationResult toResult(List<EngineApi.ActivatedJob> jobs) {
    List<ActivatedJobResult> results = jobs == null ? List.of() : jobs.stream().map(JobController::toResult).toList();
    return new JobActivationResult().jobs(results);
  }

  private static ActivatedJobResult toResult(EngineApi.ActivatedJob job) {
    Map<String, Object> headers = job.customHeaders() == null ? Map.of() : new LinkedHashMap<>(job.customHeaders());
    return new ActivatedJobResult()
        .jobKey(String.valueOf(job.key()))
        .type(job.type())
        .processInstanceKey(String.valueOf(job.processInstanceKey()))
        .processDefinitionId(job.bpmnProcessId())
        .processDefinitionVersion(job.processDefinitionVersion())
        .processDefinitionKey(String.valueOf(job.processDefinitionKey()))
        .elementId(job.elementId())
        .elementInstanceKey(String.valueOf(job.elementInstanceKey()))
        .customHeaders(headers)
        .worker(job.worker())
        .retries(job.retries())
        .deadline(job.deadline())
        .variables(job.variables() == null ? Map.of() : job.variables())
        .tenantId(RestRequests.tenant(job.tenantId()))
        .kind(JobKindEnum.fromValue(job.kind()))
        .listenerEventType(JobListenerEventTypeEnum.fromValue(job.listenerEventType()))
        .userTask(job.userTask() == null ? null : userTask(job.userTask()))
        .tags(new LinkedHashSet<>());
  }

  private static UserTaskProperties userTask(EngineApi.UserTaskProperties task) {
    return new UserTaskProperties()
        .userTaskKey(String.valueOf(task.userTaskKey()))
        .action(task.action())
        .assignee(task.assignee())
        .candidateGroups(task.candidateGroups())
        .candidateUsers(task.candidateUsers())
        .changedAttributes(task.changedAttributes() == null ? List.of() : task.changedAttributes())
        .dueDate(task.dueDate())
        .followUpDate(task.followUpDate())
        .formKey(task.formKey() == null ? null : String.valueOf(task.formKey()))
        .priority(task.priority());
  }
}

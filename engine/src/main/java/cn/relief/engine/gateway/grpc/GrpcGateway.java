package cn.relief.engine.gateway.grpc;

import static cn.relief.engine.gateway.grpc.GatewayMessages.tenant;
import static cn.relief.engine.gateway.grpc.GatewayMessages.tenants;

import cn.relief.engine.api.EngineApi;
import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivateJobsResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ActivatedJob;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResult;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.JobResultCorrections;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.BroadcastSignalResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CancelProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CompleteJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.CreateProcessInstanceWithResultResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeleteResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeleteResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployProcessResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.DeployResourceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.EvaluateDecisionResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.FailJobResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MigrateProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.MigrateProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ModifyProcessInstanceRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ModifyProcessInstanceResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.PublishMessageResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ResolveIncidentResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.SetVariablesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.StreamActivatedJobsRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.ThrowErrorResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.TopologyResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobRetriesResponse;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutRequest;
import io.camunda.zeebe.gateway.protocol.GatewayOuterClass.UpdateJobTimeoutResponse;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zeebe gateway protocol on top of {@link EngineApi}. Each RPC translates the request,
 * calls the engine and answers from the future's callback, which runs on an engine thread; no gRPC
 * thread waits for the engine.
 */
public final class GrpcGateway extends GatewayGrpc.GatewayImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcGateway.class);

  /**
   * Long-polling time when an ActivateJobs request asks for "the default" (requestTimeout = 0).
   * Zeebe's gateway uses 10 s unless configured otherwise.
   */
  static final Duration DEFAULT_LONG_POLLING_TIMEOUT = Duration.ofSeconds(10);

  /**
   * Time a CreateProcessInstanceWithResult request waits when it names none (requestTimeout = 0);
   * Zeebe's gateway then applies its generic request timeout, 15 s by default.
   */
  static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(15);

  /**
   * A long poll ends this long before the client's gRPC deadline, so that an empty answer (or the
   * jobs found at the last moment) reaches the worker before it gives up on the call.
   */
  private static final long DEADLINE_MARGIN_MILLIS = 250;

  private final EngineApi api;
  private final ActivatedJobsDelivery jobsDelivery;

  public GrpcGateway(EngineApi api) {
    this.api = api;
    this.jobsDelivery = new ActivatedJobsDelivery(api);
  }

  // ---- cluster and deployment -----------------------------------------------------------------

  @Override
  public void topology(TopologyRequest request, StreamObserver<TopologyResponse> observer) {
    reply("Topology", observer,
        () -> CompletableFuture.completedFuture(api.topology()), GatewayMessages::topology);
  }

  @Override
  public void deployResource(DeployResourceRequest request, StreamObserver<DeployResourceResponse> observer) {
    reply("DeployResource", observer, () -> {
      if (request.getResourcesCount() == 0) {
        throw invalidArgument("Expected to deploy at least one resource, but none given");
      }
      // The engine recognizes the resource kind by name and content; it rejects what it cannot deploy.
      List<EngineApi.DeployResource> resources = request.getResourcesList().stream()
          .map(resource -> new EngineApi.DeployResource(resource.getName(), resource.getContent().toByteArray()))
          .toList();
      return api.deploy(resources, tenant(request.getTenantId()));
    }, GatewayMessages::deployment);
  }

  // ---- process instances ----------------------------------------------------------------------

  @Override
  public void createProcessInstance(
      CreateProcessInstanceRequest request, StreamObserver<CreateProcessInstanceResponse> observer) {
    reply("CreateProcessInstance", observer,
        () -> api.createProcessInstance(toCreateCommand("CreateProcessInstance", request)),
        GatewayMessages::createdInstance);
  }

  @Override
  public void createProcessInstanceWithResult(
      CreateProcessInstanceWithResultRequest request,
      StreamObserver<CreateProcessInstanceWithResultResponse> observer) {
    String rpc = "CreateProcessInstanceWithResult";
    CompletableFuture<EngineApi.ProcessInstanceResult> pending = reply(rpc, observer, () -> {
      Duration timeout = request.getRequestTimeout() > 0
          ? Duration.ofMillis(request.getRequestTimeout())
          : DEFAULT_REQUEST_TIMEOUT;
      return api.createProcessInstanceWithResult(
          toCreateCommand(rpc, request.getRequest()), List.copyOf(request.getFetchVariablesList()), timeout);
    }, GatewayMessages::instanceResult);
    // Nobody waits for the result any more: cancelling the future tells the engine it may drop its
    // waiter early. The instance itself keeps running, as after a timeout.
    ((ServerCallStreamObserver<?>) observer).setOnCancelHandler(() -> pending.cancel(false));
  }

  @Override
  public void cancelProcessInstance(
      CancelProcessInstanceRequest request, StreamObserver<CancelProcessInstanceResponse> observer) {
    reply("CancelProcessInstance", observer,
        () -> api.cancelProcessInstance(request.getProcessInstanceKey()),
        ignored -> CancelProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void migrateProcessInstance(MigrateProcessInstanceRequest request,
      StreamObserver<MigrateProcessInstanceResponse> observer) {
    reply("MigrateProcessInstance", observer, () -> {
      MigrateProcessInstanceRequest.MigrationPlan plan = request.getMigrationPlan();
      List<EngineApi.MappingInstruction> mappings = plan.getMappingInstructionsList().stream()
          .map(m -> new EngineApi.MappingInstruction(m.getSourceElementId(), m.getTargetElementId())).toList();
      return api.migrateProcessInstance(request.getProcessInstanceKey(),
          new EngineApi.MigrationPlan(plan.getTargetProcessDefinitionKey(), mappings));
    }, ignored -> MigrateProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void setVariables(SetVariablesRequest request, StreamObserver<SetVariablesResponse> observer) {
    reply("SetVariables", observer,
        () -> api.setVariables(
            request.getElementInstanceKey(),
            JsonVariables.parse("SetVariables", request.getVariables()),
            request.getLocal()),
        key -> SetVariablesResponse.newBuilder().setKey(key).build());
  }

  @Override
  public void resolveIncident(ResolveIncidentRequest request, StreamObserver<ResolveIncidentResponse> observer) {
    reply("ResolveIncident", observer,
        () -> api.resolveIncident(request.getIncidentKey()),
        ignored -> ResolveIncidentResponse.getDefaultInstance());
  }

  @Override
  public void publishMessage(PublishMessageRequest request, StreamObserver<PublishMessageResponse> observer) {
    String tenantId = tenant(request.getTenantId());
    reply("PublishMessage", observer, () -> api.publishMessage(new EngineApi.PublishMessage(
            request.getName(),
            request.getCorrelationKey(),
            Duration.ofMillis(request.getTimeToLive()),
            // The protocol cannot send "absent"; an empty ID means the message has none, and must
            // not collide with other messages without ID.
            request.getMessageId().isEmpty() ? null : request.getMessageId(),
            JsonVariables.parse("PublishMessage", request.getVariables()),
            tenantId)),
        key -> PublishMessageResponse.newBuilder().setKey(key).setTenantId(tenantId).build());
  }

  // ---- jobs -----------------------------------------------------------------------------------

  @Override
  public void activateJobs(ActivateJobsRequest request, StreamObserver<ActivateJobsResponse> observer) {
    ServerCallStreamObserver<ActivateJobsResponse> call = (ServerCallStreamObserver<ActivateJobsResponse>) observer;
    // With a cancel handler set, a late onNext on a cancelled call is dropped instead of throwing;
    // the delivery checks isCancelled() itself and hands undelivered jobs back.
    // The engine future is deliberately not cancelled: jobs it activates meanwhile must come back
    // here so that they can be handed back rather than stay locked until their timeout.
    call.setOnCancelHandler(() -> LOG.trace("ActivateJobs call for type '{}' cancelled", request.getType()));
    final CompletableFuture<List<EngineApi.ActivatedJob>> future;
    try {
      future = api.activateJobs(toActivateCommand(request));
    } catch (RuntimeException e) {
      fail("ActivateJobs", observer, e);
      return;
    }
    future.whenComplete((jobs, error) -> {
      if (error != null) {
        fail("ActivateJobs", observer, error);
      } else {
        jobsDelivery.deliver(jobs, call);
      }
    });
  }

  @Override
  public void streamActivatedJobs(StreamActivatedJobsRequest request, StreamObserver<ActivatedJob> observer) {
    ServerCallStreamObserver<ActivatedJob> call = (ServerCallStreamObserver<ActivatedJob>) observer;
    JobStreamPusher pusher = new JobStreamPusher(call);
    // Must be registered before this method returns; it is the only signal that the worker left.
    call.setOnCancelHandler(pusher::end);
    call.setOnReadyHandler(pusher::onReady);
    try {
      requireJobType(request.getType());
      requireJobTimeout(request.getTimeout());
      EngineApi.JobStream stream = api.openJobStream(new EngineApi.JobStreamRequest(
          request.getType(),
          request.getWorker(),
          Duration.ofMillis(request.getTimeout()),
          List.copyOf(request.getFetchVariableList()),
          tenants(request.getTenantIdsList())), pusher);
      pusher.attach(stream);
    } catch (RuntimeException e) {
      pusher.end();
      fail("StreamActivatedJobs", observer, e);
    }
  }

  @Override
  public void completeJob(CompleteJobRequest request, StreamObserver<CompleteJobResponse> observer) {
    reply("CompleteJob", observer,
        () -> api.completeJob(request.getJobKey(), JsonVariables.parse("CompleteJob", request.getVariables()),
            request.hasResult() ? jobResult(request.getJobKey(), request.getResult()) : null),
        ignored -> CompleteJobResponse.getDefaultInstance());
  }

  /** A task listener's verdict; ad-hoc sub-process results are refused, this engine has none. */
  private static EngineApi.JobResult jobResult(long jobKey, JobResult result) {
    if (result.hasType() && !result.getType().isEmpty() && !"userTask".equals(result.getType())) {
      throw Status.INVALID_ARGUMENT.withDescription("Expected a job result of type 'userTask' for job " + jobKey
          + ", but it was '" + result.getType() + "'; ad-hoc sub-processes are not supported").asRuntimeException();
    }
    EngineApi.Corrections corrections = null;
    if (result.hasCorrections()) {
      JobResultCorrections c = result.getCorrections();
      corrections = new EngineApi.Corrections(
          c.hasAssignee() ? c.getAssignee() : null,
          c.hasDueDate() ? c.getDueDate() : null,
          c.hasFollowUpDate() ? c.getFollowUpDate() : null,
          c.hasCandidateUsers() ? List.copyOf(c.getCandidateUsers().getValuesList()) : null,
          c.hasCandidateGroups() ? List.copyOf(c.getCandidateGroups().getValuesList()) : null,
          c.hasPriority() ? c.getPriority() : null);
    }
    return new EngineApi.JobResult(result.getDenied(), result.hasDeniedReason() ? result.getDeniedReason() : null,
        corrections);
  }

  @Override
  public void failJob(FailJobRequest request, StreamObserver<FailJobResponse> observer) {
    reply("FailJob", observer,
        () -> api.failJob(
            request.getJobKey(),
            request.getRetries(),
            request.getErrorMessage(),
            Duration.ofMillis(request.getRetryBackOff()),
            JsonVariables.parse("FailJob", request.getVariables())),
        ignored -> FailJobResponse.getDefaultInstance());
  }

  @Override
  public void throwError(ThrowErrorRequest request, StreamObserver<ThrowErrorResponse> observer) {
    reply("ThrowError", observer,
        () -> api.throwError(
            request.getJobKey(),
            request.getErrorCode(),
            request.getErrorMessage(),
            JsonVariables.parse("ThrowError", request.getVariables())),
        ignored -> ThrowErrorResponse.getDefaultInstance());
  }

  @Override
  public void updateJobRetries(UpdateJobRetriesRequest request, StreamObserver<UpdateJobRetriesResponse> observer) {
    reply("UpdateJobRetries", observer,
        () -> api.updateJobRetries(request.getJobKey(), request.getRetries()),
        ignored -> UpdateJobRetriesResponse.getDefaultInstance());
  }

  @Override
  public void updateJobTimeout(UpdateJobTimeoutRequest request, StreamObserver<UpdateJobTimeoutResponse> observer) {
    reply("UpdateJobTimeout", observer,
        () -> api.updateJobTimeout(request.getJobKey(), Duration.ofMillis(request.getTimeout())),
        ignored -> UpdateJobTimeoutResponse.getDefaultInstance());
  }

  // ---- decisions ------------------------------------------------------------------------------

  @Override
  public void evaluateDecision(EvaluateDecisionRequest request, StreamObserver<EvaluateDecisionResponse> observer) {
    reply("EvaluateDecision", observer,
        () -> api.evaluateDecision(new EngineApi.EvaluateDecision(
            request.getDecisionId(),
            request.getDecisionKey(),
            JsonVariables.parse("EvaluateDecision", request.getVariables()),
            tenant(request.getTenantId()))),
        GatewayMessages::decisionEvaluation);
  }

  // ---- not supported yet ----------------------------------------------------------------------

  @Override
  @SuppressWarnings("deprecation") // replaced by DeployResource since Zeebe 8; still part of the service
  public void deployProcess(DeployProcessRequest request, StreamObserver<DeployProcessResponse> observer) {
    unimplemented("DeployProcess", observer);
  }

  @Override
  public void modifyProcessInstance(
      ModifyProcessInstanceRequest request, StreamObserver<ModifyProcessInstanceResponse> observer) {
    reply("ModifyProcessInstance", observer, () -> {
      List<EngineApi.ActivateElement> activations = request.getActivateInstructionsList().stream()
          .map(a -> new EngineApi.ActivateElement(a.getElementId(), a.getAncestorElementInstanceKey(),
              a.getVariableInstructionsList().stream()
                  .map(v -> new EngineApi.ScopedVariables(
                      JsonVariables.parse("ModifyProcessInstance", v.getVariables()), v.getScopeId()))
                  .toList()))
          .toList();
      List<Long> terminations = request.getTerminateInstructionsList().stream()
          .map(t -> t.getElementInstanceKey()).toList();
      return api.modifyProcessInstance(request.getProcessInstanceKey(),
          new EngineApi.Modification(activations, terminations));
    }, ignored -> ModifyProcessInstanceResponse.getDefaultInstance());
  }

  @Override
  public void deleteResource(DeleteResourceRequest request, StreamObserver<DeleteResourceResponse> observer) {
    unimplemented("DeleteResource", observer);
  }

  @Override
  public void broadcastSignal(BroadcastSignalRequest request, StreamObserver<BroadcastSignalResponse> observer) {
    String tenantId = tenant(request.getTenantId());
    reply("BroadcastSignal", observer,
        () -> api.broadcastSignal(request.getSignalName(), JsonVariables.parse("BroadcastSignal", request.getVariables()),
            tenantId),
        key -> BroadcastSignalResponse.newBuilder().setKey(key).setTenantId(tenantId).build());
  }

  // ---- request translation --------------------------------------------------------------------

  private static EngineApi.CreateProcessInstance toCreateCommand(String rpc, CreateProcessInstanceRequest request) {
    // Start and runtime instructions change where the instance starts or ends; ignoring them would
    // run a different process than the one asked for. Tags are metadata only and are dropped.
    if (request.getStartInstructionsCount() > 0 || request.getRuntimeInstructionsCount() > 0) {
      throw Status.UNIMPLEMENTED
          .withDescription("Expected to handle gRPC request " + rpc
              + " without start or runtime instructions, but it had some; they are not supported yet")
          .asRuntimeException();
    }
    return new EngineApi.CreateProcessInstance(
        request.getBpmnProcessId(),
        request.getVersion(),
        request.getProcessDefinitionKey(),
        JsonVariables.parse(rpc, request.getVariables()),
        tenant(request.getTenantId()));
  }

  private static EngineApi.ActivateJobs toActivateCommand(ActivateJobsRequest request) {
    requireJobType(request.getType());
    if (request.getMaxJobsToActivate() < 1) {
      throw invalidArgument(
          "Expected to activate at least 1 job, but requested " + request.getMaxJobsToActivate());
    }
    requireJobTimeout(request.getTimeout());
    return new EngineApi.ActivateJobs(
        request.getType(),
        request.getWorker(),
        Duration.ofMillis(request.getTimeout()),
        request.getMaxJobsToActivate(),
        List.copyOf(request.getFetchVariableList()),
        longPollingTimeout(request.getRequestTimeout(), Context.current().getDeadline()),
        tenants(request.getTenantIdsList()));
  }

  /**
   * requestTimeout &lt; 0 disables long polling, 0 asks for the default; the result never runs past
   * the client's own deadline.
   */
  static Duration longPollingTimeout(long requestTimeoutMillis, Deadline deadline) {
    if (requestTimeoutMillis < 0) {
      return Duration.ZERO;
    }
    Duration timeout = requestTimeoutMillis == 0
        ? DEFAULT_LONG_POLLING_TIMEOUT
        : Duration.ofMillis(requestTimeoutMillis);
    if (deadline != null) {
      long untilDeadline = deadline.timeRemaining(TimeUnit.MILLISECONDS) - DEADLINE_MARGIN_MILLIS;
      Duration cap = Duration.ofMillis(Math.max(0, untilDeadline));
      if (cap.compareTo(timeout) < 0) {
        timeout = cap;
      }
    }
    return timeout;
  }

  private static void requireJobType(String type) {
    if (type.isBlank()) {
      throw invalidArgument("Expected to activate jobs of a given type, but the type was blank");
    }
  }

  private static void requireJobTimeout(long timeoutMillis) {
    if (timeoutMillis < 1) {
      throw invalidArgument(
          "Expected to activate jobs with a timeout of at least 1 ms, but it was " + timeoutMillis + " ms");
    }
  }

  private static StatusRuntimeException invalidArgument(String message) {
    return Status.INVALID_ARGUMENT.withDescription(message).asRuntimeException();
  }

  // ---- replying -------------------------------------------------------------------------------

  /**
   * Runs one unary command and answers from its future. Translation errors thrown by {@code
   * command} (e.g. invalid variables) are answered like engine failures.
   */
  private static <T, R> CompletableFuture<T> reply(
      String rpc, StreamObserver<R> observer, Supplier<CompletableFuture<T>> command, Function<T, R> toResponse) {
    CompletableFuture<T> future;
    try {
      future = command.get();
      if (future == null) {
        throw new IllegalStateException("The engine returned no result for " + rpc);
      }
    } catch (RuntimeException e) {
      future = CompletableFuture.failedFuture(e);
    }
    future.whenComplete((result, error) -> {
      if (error != null) {
        fail(rpc, observer, error);
        return;
      }
      final R response;
      try {
        response = toResponse.apply(result);
      } catch (RuntimeException e) {
        fail(rpc, observer, e);
        return;
      }
      try {
        observer.onNext(response);
        observer.onCompleted();
      } catch (RuntimeException e) {
        // The client cancelled or the server is shutting down; the command's effect stands.
        LOG.debug("Could not send the response of {}", rpc, e);
      }
    });
    return future;
  }

  private static void fail(String rpc, StreamObserver<?> observer, Throwable error) {
    StatusRuntimeException status = GrpcErrors.toStatus(rpc, error);
    try {
      observer.onError(status);
    } catch (RuntimeException e) {
      LOG.debug("Could not send the error of {}", rpc, e);
    }
  }

  private static void unimplemented(String rpc, StreamObserver<?> observer) {
    observer.onError(Status.UNIMPLEMENTED
        .withDescription("The gRPC method " + rpc + " is not supported by this engine yet")
        .asRuntimeException());
  }
}

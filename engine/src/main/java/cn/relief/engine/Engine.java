package cn.relief.engine;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.EngineApi;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.audit.AuditRequest;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.dmn.DecisionEvaluator;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.identity.AccessControl;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.identity.Permission;
import cn.relief.engine.identity.TaskActor;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.EventLogException;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.CommandHandler;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.processing.StorableVariables;
import cn.relief.engine.processing.StreamProcessor;
import cn.relief.engine.processing.bpmn.BpmnElementContext;
import cn.relief.engine.processing.bpmn.BpmnElementProcessors;
import cn.relief.engine.processing.bpmn.CalledDecisionEvaluator;
import cn.relief.engine.bpmn.CalledDecision;
import cn.relief.engine.processing.bpmn.JobBehavior;
import cn.relief.engine.processing.bpmn.ProcessResultListener;
import cn.relief.engine.processing.bpmn.UserTaskReplies;
import cn.relief.engine.processing.bpmn.VariableBehavior;
import cn.relief.engine.processing.command.DeploymentProcessor;
import cn.relief.engine.processing.command.DueDateProcessor;
import cn.relief.engine.processing.command.IncidentProcessor;
import cn.relief.engine.processing.command.JobActivator;
import cn.relief.engine.processing.command.JobCommandProcessor;
import cn.relief.engine.processing.command.MessageProcessor;
import cn.relief.engine.processing.command.BatchOperationProcessor;
import cn.relief.engine.processing.command.ProcessInstanceMigrationProcessor;
import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.processing.command.ProcessInstanceModificationProcessor;
import cn.relief.engine.record.ProcessInstanceModificationRecord;
import cn.relief.engine.processing.command.ProcessInstanceProcessor;
import cn.relief.engine.record.ProcessInstanceMigrationRecord;
import cn.relief.engine.processing.command.StartEventSubscriptions;
import cn.relief.engine.processing.command.UserTaskCommandProcessor;
import cn.relief.engine.processing.command.VariableDocumentProcessor;
import cn.relief.engine.record.ClockRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.processing.dmn.DecisionBehavior;
import cn.relief.engine.processing.dmn.DecisionEvaluationProcessor;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Function;

/**
 * The embedded Zeebe-compatible engine of one partition. Commands from the gateways are queued
 * and processed by a single writer thread ({@link StreamProcessor}); each command's reply is sent
 * after its events are committed to the event log.
 */
public final class Engine implements EngineApi, AutoCloseable {
  private final EngineConfiguration config;
  private final StreamProcessor processor;
  private final JobStreams jobStreams = new JobStreams();
  private final LongPolls longPolls;
  private final Map<Long, ResultWaiter> resultWaiters = new ConcurrentHashMap<>();
  /** The callers of user-task changes that wait for task listeners, by user task key. */
  private final Map<Long, CompletableFuture<Void>> userTaskWaiters = new ConcurrentHashMap<>();
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean dueDateCheckQueued = new AtomicBoolean();

  private final DeploymentProcessor deployments;
  private final ProcessInstanceProcessor instances;
  private final ProcessInstanceMigrationProcessor migrations;
  private final BatchOperationProcessor batchOperations;
  private final ProcessInstanceModificationProcessor modifications;
  private final JobActivator jobActivator;
  private final JobCommandProcessor jobCommands;
  private final UserTaskCommandProcessor userTaskCommands;
  private final IncidentProcessor incidents;
  private final VariableDocumentProcessor variableDocuments;
  private final MessageProcessor messages;
  private final DueDateProcessor dueDates;
  private final BpmnElementProcessors elements;
  private final DecisionBehavior decisionBehavior;
  private final DecisionEvaluationProcessor decisionEvaluations;
  private final IdentityCommands identity;
  /** Checks the resource a person's command is about (which process, which decision). */
  private final AccessControl access;
  /** Writes a batch operation's filter as it was sent. */
  private final ObjectMapper json;

  private record ResultWaiter(ProcessInstanceInfo instance, List<String> fetchVariables,
      CompletableFuture<ProcessInstanceResult> future) {}

  private Engine(EngineConfiguration config, EventLog log, ObjectMapper json) {
    this.config = config;
    // as many long polls may wait as commands may queue: both are requests held in memory
    this.longPolls = new LongPolls(config.maxQueuedCommands());
    // the processor is created below; FEEL asks it for the time only while it processes
    java.util.concurrent.atomic.AtomicReference<StreamProcessor> clock = new java.util.concurrent.atomic.AtomicReference<>();
    ExpressionLanguage expressions = new ExpressionLanguage(
        () -> clock.get() == null ? System.currentTimeMillis() : clock.get().now());
    BpmnTransformer transformer = new BpmnTransformer(expressions);
    DmnTransformer dmnTransformer = new DmnTransformer();
    this.decisionBehavior = new DecisionBehavior(new DecisionEvaluator(), json);
    this.decisionEvaluations = new DecisionEvaluationProcessor(decisionBehavior);
    VariableBehavior variables = new VariableBehavior(expressions, json);
    this.elements = new BpmnElementProcessors(expressions, variables, new JobBehavior(expressions, variables),
        new ResultListener(), this::evaluateCalledDecision, new UserTaskWaiters());
    this.deployments = new DeploymentProcessor(transformer, dmnTransformer, new StartEventSubscriptions(expressions));
    this.messages = new MessageProcessor(elements.messageCorrelation());
    this.dueDates = new DueDateProcessor(elements.triggers(), expressions, variables);
    this.instances = new ProcessInstanceProcessor(elements, variables);
    this.migrations = new ProcessInstanceMigrationProcessor(elements);
    this.modifications = new ProcessInstanceModificationProcessor(elements, variables);
    this.jobActivator = new JobActivator(variables);
    this.jobCommands = new JobCommandProcessor(elements, variables);
    this.userTaskCommands = new UserTaskCommandProcessor(elements);
    this.incidents = new IncidentProcessor(elements);
    this.variableDocuments = new VariableDocumentProcessor(variables);
    this.processor = new StreamProcessor(
        config, log, transformer, dmnTransformer, json, this::offerToWaitingWorkers, this::wakeLongPolls);
    clock.set(this.processor);
    this.identity = new IdentityCommands(processor);
    this.access = new AccessControl(processor::identity);
    this.json = json;
    this.batchOperations = new BatchOperationProcessor(instances, migrations, incidents, access);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "engine-due-dates");
      thread.setDaemon(true);
      return thread;
    });
  }

  /** Rebuilds the state from the log and starts processing. */
  public static Engine start(EngineConfiguration config, EventLog log, ObjectMapper json) throws EventLogException {
    return start(config, log, json, records -> { });
  }

  /** Starts the engine; {@code committed} is told about every batch of records once it is durable. */
  public static Engine start(EngineConfiguration config, EventLog log, ObjectMapper json,
      Consumer<List<Record>> committed) throws EventLogException {
    Engine engine = new Engine(config, log, json);
    engine.processor.onCommitted(committed);
    engine.processor.start();
    long interval = config.dueDateCheckInterval().toMillis();
    engine.scheduler.scheduleWithFixedDelay(engine::checkDueDates, interval, interval, TimeUnit.MILLISECONDS);
    return engine;
  }

  /**
   * Evaluates decisions and records each evaluation; for processors that evaluate decisions on the
   * writer thread (business rule tasks).
   */
  public DecisionBehavior decisionBehavior() {
    return decisionBehavior;
  }

  /** Users, groups, roles and authorizations: their commands and their current state. */
  public IdentityCommands identity() {
    return identity;
  }

  /** Counts of what the engine holds in memory, for health checks and benchmarks. */
  public StreamProcessor.Statistics statistics() {
    return processor.statistics();
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
    processor.close();
    resultWaiters.values().forEach(w -> w.future().completeExceptionally(unavailable()));
    longPolls.expire(Long.MAX_VALUE);
  }

  // ---- commands --------------------------------------------------------------------------------

  @Override
  public CompletableFuture<DeploymentInfo> deploy(List<DeployResource> resources, String tenantId) {
    return processor.submit(ValueType.DEPLOYMENT, Intent.Deployment.CREATE, AuditRequests.deploy(resources, tenantId),
        reply(ctx -> {
          DeploymentInfo info = deployments.deploy(ctx, resources, tenant(tenantId));
          ctx.auditProduced("deploymentKey", info.deploymentKey());
          return info;
        }));
  }

  /**
   * A dry run of {@link #deploy}: the problems that would reject these resources, each with the
   * element it is about when known; nothing is written but the caller's entry in the audit trail.
   * It runs on the writer thread like a deployment, so it sees the state a deployment would.
   */
  public CompletableFuture<List<DeploymentProcessor.Problem>> validateDeployment(List<DeployResource> resources,
      String tenantId) {
    return processor.submit(ValueType.DEPLOYMENT, Intent.Deployment.CREATE,
        AuditRequests.validateDeployment(resources, tenantId), reply(ctx -> deployments.validate(ctx, resources)));
  }

  @Override
  public CompletableFuture<ProcessInstanceInfo> createProcessInstance(CreateProcessInstance command) {
    Caller caller = CallerContext.current();
    return processor.submit(ValueType.PROCESS_INSTANCE_CREATION, Intent.ProcessInstanceCreation.CREATE,
        AuditRequests.createProcessInstance(command, false), reply(ctx -> {
          requireMayCreate(ctx, caller, command);
          StorableVariables.require(Intent.ProcessInstanceCreation.CREATE, command.variables());
          ProcessInstanceInfo info = instances.create(ctx, withTenant(command));
          ctx.auditProduced("processInstanceKey", info.processInstanceKey());
          return info;
        }));
  }

  @Override
  public CompletableFuture<ProcessInstanceResult> createProcessInstanceWithResult(
      CreateProcessInstance command, List<String> fetchVariables, Duration requestTimeout) {
    CompletableFuture<ProcessInstanceResult> result = new CompletableFuture<>();
    Caller caller = CallerContext.current();
    CompletableFuture<ProcessInstanceInfo> created = processor.submit(
        ValueType.PROCESS_INSTANCE_CREATION, Intent.ProcessInstanceCreation.CREATE,
        AuditRequests.createProcessInstance(command, true), (ctx, reply) -> {
          requireMayCreate(ctx, caller, command);
          StorableVariables.require(Intent.ProcessInstanceCreation.CREATE, command.variables());
          ProcessInstanceInfo info = instances.create(ctx, withTenant(command));
          ctx.auditProduced("processInstanceKey", info.processInstanceKey());
          // registered before the agenda runs, so an instance that completes at once is caught too
          resultWaiters.put(info.processInstanceKey(), new ResultWaiter(info, fetchVariables, result));
          ctx.afterCommit(() -> reply.complete(info));
        });
    created.whenComplete((info, failure) -> {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.whenComplete((r, e) -> resultWaiters.remove(info.processInstanceKey()));
      }
    });
    long timeout = requestTimeout == null || requestTimeout.isZero() || requestTimeout.isNegative()
        ? Duration.ofSeconds(15).toMillis() : requestTimeout.toMillis();
    return result.orTimeout(timeout, TimeUnit.MILLISECONDS);
  }

  @Override
  public CompletableFuture<Void> cancelProcessInstance(long processInstanceKey) {
    Caller caller = CallerContext.current();
    return processor.submit(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.CANCEL,
        AuditRequest.of("CANCEL_PROCESS_INSTANCE").target("processInstanceKey", processInstanceKey).build(),
        done(ctx -> {
          requireOnInstance(ctx, caller, processInstanceKey, "CANCEL_PROCESS_INSTANCE", Intent.ProcessInstance.CANCEL);
          instances.cancel(ctx, processInstanceKey);
        }));
  }

  @Override
  public CompletableFuture<Void> migrateProcessInstance(long processInstanceKey, MigrationPlan plan) {
    Caller caller = CallerContext.current();
    List<ProcessInstanceMigrationRecord.MappingInstruction> instructions = plan.mappingInstructions() == null
        ? List.of()
        : plan.mappingInstructions().stream()
            .map(m -> new ProcessInstanceMigrationRecord.MappingInstruction(m.sourceElementId(), m.targetElementId()))
            .toList();
    return processor.submit(ValueType.PROCESS_INSTANCE_MIGRATION, Intent.ProcessInstanceMigration.MIGRATE,
        AuditRequest.of("MIGRATE_PROCESS_INSTANCE").target("processInstanceKey", processInstanceKey)
            .target("targetProcessDefinitionKey", plan.targetProcessDefinitionKey())
            .data("mappingInstructions", instructions).build(),
        done(ctx -> {
          requireOnInstance(ctx, caller, processInstanceKey, "UPDATE_PROCESS_INSTANCE",
              Intent.ProcessInstanceMigration.MIGRATE);
          // the cases land in the target process: whoever moves them must be allowed to change those too
          var target = ctx.state().processes().byKey(plan.targetProcessDefinitionKey());
          if (target != null) {
            access.require(caller, UPDATE_PROCESS_INSTANCE.on(target.record().bpmnProcessId()),
                Intent.ProcessInstanceMigration.MIGRATE.name());
          }
          migrations.migrate(ctx, processInstanceKey, plan.targetProcessDefinitionKey(), instructions, caller.id());
        }));
  }

  @Override
  public CompletableFuture<Long> createBatchOperation(String type, Map<String, Object> filter, MigrationPlan plan) {
    Caller caller = CallerContext.current();
    String filterJson;
    try {
      filterJson = json.writeValueAsString(filter == null ? Map.of() : filter);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException("Expected a JSON filter, but it could not be written: " + e.getMessage(), e);
    }
    List<ProcessInstanceMigrationRecord.MappingInstruction> instructions = plan == null ? List.of()
        : plan.mappingInstructions().stream()
            .map(m -> new ProcessInstanceMigrationRecord.MappingInstruction(m.sourceElementId(), m.targetElementId()))
            .toList();
    BatchOperationRecord definition = new BatchOperationRecord(type, filterJson,
        plan == null ? -1 : plan.targetProcessDefinitionKey(), instructions, caller.id(), caller.kind(), List.of(), -1,
        null, 0, 0, 0, "CREATED");
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.CREATE,
        AuditRequest.of("CREATE_BATCH_OPERATION").target("batchOperationType", type).data("filter", filter)
            .data("targetProcessDefinitionKey", plan == null ? null : plan.targetProcessDefinitionKey())
            .data("mappingInstructions", plan == null ? null : instructions).build(),
        reply(ctx -> {
          long key = batchOperations.create(ctx, definition);
          ctx.auditProduced("batchOperationKey", key);
          return key;
        }));
  }

  @Override
  public CompletableFuture<Void> modifyProcessInstance(long processInstanceKey, Modification modification) {
    Caller caller = CallerContext.current();
    List<ProcessInstanceModificationRecord.ActivateInstruction> activations =
        modification.activateInstructions() == null ? List.of() : modification.activateInstructions().stream()
            .map(a -> new ProcessInstanceModificationRecord.ActivateInstruction(a.elementId(),
                a.ancestorElementInstanceKey(), a.variableInstructions() == null ? List.of()
                    : a.variableInstructions().stream().map(v -> new ProcessInstanceModificationRecord.VariableInstruction(
                        v.variables() == null ? Map.of() : v.variables(), v.scopeId() == null ? "" : v.scopeId()))
                        .toList()))
            .toList();
    List<ProcessInstanceModificationRecord.TerminateInstruction> terminations =
        modification.terminateElementInstanceKeys() == null ? List.of()
            : modification.terminateElementInstanceKeys().stream()
                .map(ProcessInstanceModificationRecord.TerminateInstruction::new).toList();
    return processor.submit(ValueType.PROCESS_INSTANCE_MODIFICATION, Intent.ProcessInstanceModification.MODIFY,
        AuditRequest.of("MODIFY_PROCESS_INSTANCE").target("processInstanceKey", processInstanceKey)
            .data("activateInstructions", activations).data("terminateInstructions", terminations).build(),
        done(ctx -> {
          requireOnInstance(ctx, caller, processInstanceKey, "MODIFY_PROCESS_INSTANCE",
              Intent.ProcessInstanceModification.MODIFY);
          activations.forEach(a -> a.variableInstructions().forEach(v ->
              StorableVariables.require(Intent.ProcessInstanceModification.MODIFY, v.variables())));
          modifications.modify(ctx, processInstanceKey, activations, terminations, caller.id());
        }));
  }

  @Override
  public CompletableFuture<Void> suspendBatchOperation(long batchOperationKey) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.SUSPEND,
        AuditRequest.of("SUSPEND_BATCH_OPERATION").target("batchOperationKey", batchOperationKey).build(),
        done(ctx -> batchOperations.suspend(ctx, batchOperationKey)));
  }

  @Override
  public CompletableFuture<Void> resumeBatchOperation(long batchOperationKey) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.RESUME,
        AuditRequest.of("RESUME_BATCH_OPERATION").target("batchOperationKey", batchOperationKey).build(),
        done(ctx -> batchOperations.resume(ctx, batchOperationKey)));
  }

  @Override
  public CompletableFuture<Void> cancelBatchOperation(long batchOperationKey) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.CANCEL,
        AuditRequest.of("CANCEL_BATCH_OPERATION").target("batchOperationKey", batchOperationKey).build(),
        done(ctx -> batchOperations.cancel(ctx, batchOperationKey)));
  }

  /** The batch runner's step: items it collected from the filter (the engine's own work, not audited). */
  public CompletableFuture<Void> addBatchOperationItems(long batchOperationKey, List<Long> itemKeys) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.ADD_ITEMS,
        done(ctx -> batchOperations.addItems(ctx, batchOperationKey, itemKeys)));
  }

  public CompletableFuture<Void> initializeBatchOperation(long batchOperationKey) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.INITIALIZE,
        done(ctx -> batchOperations.initialize(ctx, batchOperationKey)));
  }

  /**
   * Does the next chunk of a batch's items on behalf of the batch's creator (the runner calls it
   * in the creator's caller context, so the audit trail names them with the items done).
   */
  public CompletableFuture<Integer> executeBatchOperation(long batchOperationKey, int maxItems) {
    return processor.submit(ValueType.BATCH_OPERATION, Intent.BatchOperation.EXECUTE,
        AuditRequest.of("EXECUTE_BATCH_OPERATION").target("batchOperationKey", batchOperationKey).build(),
        reply(ctx -> {
          BatchOperationProcessor.Chunk chunk = batchOperations.execute(ctx, batchOperationKey, maxItems);
          ctx.auditProduced("processInstanceKeys", chunk.items());
          return chunk.remaining();
        }));
  }

  /** The batches that have not ended, for the runner. */
  public java.util.Collection<cn.relief.engine.state.BatchOperationState.Batch> runningBatchOperations() {
    return processor.batches();
  }

  @Override
  public CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command) {
    long requestTimeout = command.requestTimeout() == null ? 0 : command.requestTimeout().toMillis();
    long expiresAt = requestTimeout <= 0 ? 0 : System.currentTimeMillis() + requestTimeout;
    CompletableFuture<List<ActivatedJob>> reply = new CompletableFuture<>();
    submitActivation(command, reply, expiresAt);
    return reply;
  }

  private void submitActivation(ActivateJobs command, CompletableFuture<List<ActivatedJob>> reply, long expiresAt) {
    processor.submit(ValueType.JOB, Intent.Job.ACTIVATE, (ctx, ignored) -> {
      if (reply.isDone()) {
        return; // the caller went away while waiting
      }
      validateActivation(command);
      long timeout = command.timeout() == null ? 300_000 : command.timeout().toMillis();
      List<ActivatedJob> jobs = jobActivator.activate(
          ctx, command.type(), command.worker(), timeout, command.maxJobsToActivate(), command.fetchVariables());
      if (jobs.isEmpty() && expiresAt > ctx.now()) {
        if (!longPolls.add(new LongPolls.Waiter(command, reply, expiresAt))) {
          throw new CommandRejectedException(RejectionType.RESOURCE_EXHAUSTED, Intent.Job.ACTIVATE.name(),
              "Expected to wait for jobs of type '" + command.type() + "', but " + longPolls.size()
                  + " job activations already wait (the limit); retry later");
        }
        return;
      }
      ctx.afterCommit(() -> {
        if (!reply.complete(jobs)) {
          jobs.forEach(job -> yieldJob(job.key()));
        }
      });
    }).whenComplete((ignored, failure) -> {
      if (failure != null) {
        reply.completeExceptionally(failure);
      }
    });
  }

  private static void validateActivation(ActivateJobs command) {
    if (command.type() == null || command.type().isBlank()) {
      throw Rejections.invalidArgument(Intent.Job.ACTIVATE, "Expected to activate jobs of a type, but the type was empty");
    }
    if (command.maxJobsToActivate() < 1) {
      throw Rejections.invalidArgument(Intent.Job.ACTIVATE,
          "Expected to activate at least 1 job, but requested %d", command.maxJobsToActivate());
    }
    if (command.timeout() != null && command.timeout().toMillis() < 1) {
      throw Rejections.invalidArgument(Intent.Job.ACTIVATE,
          "Expected a job timeout of at least 1 ms, but it was %d ms", command.timeout().toMillis());
    }
  }

  @Override
  public JobStream openJobStream(JobStreamRequest request, JobConsumer consumer) {
    JobStreams.Stream stream = jobStreams.add(request, consumer);
    return new JobStream() {
      @Override
      public void close() {
        jobStreams.remove(stream);
      }

      @Override
      public void ready() {
        refill(stream);
      }
    };
  }

  /**
   * Pushes a stream that is ready again the jobs of its type waiting for a worker, at most {@link
   * #STREAM_REFILL} per command and again while batches come back full. A job the stream refuses
   * (not ready once more) goes back to the pollers, and the stream says when it is ready again.
   */
  private void refill(JobStreams.Stream stream) {
    processor.submitInternal(ValueType.JOB, Intent.Job.ACTIVATE, (ctx, ignored) -> {
      if (!jobStreams.isOpen(stream)) {
        return;
      }
      JobStreamRequest request = stream.request();
      long timeout = request.timeout() == null ? 300_000 : request.timeout().toMillis();
      List<ActivatedJob> jobs = jobActivator.activate(
          ctx, request.type(), request.worker(), timeout, STREAM_REFILL, request.fetchVariables());
      if (jobs.isEmpty()) {
        return;
      }
      ctx.afterCommit(() -> {
        int delivered = 0;
        try {
          while (delivered < jobs.size() && stream.consumer().push(jobs.get(delivered))) {
            delivered++;
          }
        } catch (RuntimeException e) {
          jobStreams.remove(stream); // a consumer that throws is broken: it gets no more jobs
        }
        if (delivered < jobs.size()) {
          CompletableFuture.allOf(jobs.subList(delivered, jobs.size()).stream().map(job -> yieldJob(job.key()))
              .toArray(CompletableFuture[]::new)).whenComplete((done, failed) -> stream.consumer().yielded());
        } else if (jobs.size() == STREAM_REFILL) {
          refill(stream);
        }
      });
    });
  }

  @Override
  public CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables, JobResult result) {
    return processor.submit(ValueType.JOB, Intent.Job.COMPLETE,
        AuditRequest.of("COMPLETE_JOB").target("jobKey", jobKey).data("variables", variables)
            .data("result", result).build(),
        done(ctx -> {
          StorableVariables.require(Intent.Job.COMPLETE, variables);
          jobCommands.complete(ctx, jobKey, variables, result);
        }));
  }

  @Override
  public CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, boolean allowOverride, String action) {
    TaskActor actor = taskActor();
    String operation = assignee == null ? "UNASSIGN_USER_TASK" : "ASSIGN_USER_TASK";
    return processor.submit(ValueType.USER_TASK, Intent.UserTask.ASSIGN,
        AuditRequest.of(operation).target("userTaskKey", userTaskKey).data("assignee", assignee)
            .data("allowOverride", assignee == null ? null : allowOverride).data("action", action).build(),
        userTaskChange(userTaskKey, ctx -> userTaskCommands.assign(ctx, actor, userTaskKey, assignee, allowOverride, action)));
  }

  @Override
  public CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskChanges changes, String action) {
    TaskActor actor = taskActor();
    return processor.submit(ValueType.USER_TASK, Intent.UserTask.UPDATE,
        AuditRequest.of("UPDATE_USER_TASK").target("userTaskKey", userTaskKey).data("dueDate", changes.dueDate())
            .data("followUpDate", changes.followUpDate()).data("candidateUsers", changes.candidateUsers())
            .data("candidateGroups", changes.candidateGroups()).data("priority", changes.priority())
            .data("action", action).build(),
        userTaskChange(userTaskKey, ctx -> userTaskCommands.update(ctx, actor, userTaskKey, changes, action)));
  }

  @Override
  public CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action) {
    TaskActor actor = taskActor();
    return processor.submit(ValueType.USER_TASK, Intent.UserTask.COMPLETE,
        AuditRequest.of("COMPLETE_USER_TASK").target("userTaskKey", userTaskKey).data("variables", variables)
            .data("action", action).build(),
        userTaskChange(userTaskKey, ctx -> {
          StorableVariables.require(Intent.UserTask.COMPLETE, variables);
          return userTaskCommands.complete(ctx, actor, userTaskKey, variables, action);
        }));
  }

  /** The caller of a user-task command, with its groups, taken on the caller's thread. */
  private TaskActor taskActor() {
    return TaskActor.of(CallerContext.current(), identity.state());
  }

  @Override
  public CompletableFuture<Void> failJob(
      long jobKey, int retries, String errorMessage, Duration retryBackOff, Map<String, Object> variables) {
    long backoff = retryBackOff == null ? 0 : retryBackOff.toMillis();
    return processor.submit(ValueType.JOB, Intent.Job.FAIL,
        AuditRequest.of("FAIL_JOB").target("jobKey", jobKey).data("retries", retries).data("errorMessage", errorMessage)
            .data("retryBackOffMillis", backoff).data("variables", variables).build(),
        done(ctx -> {
          StorableVariables.require(Intent.Job.FAIL, variables);
          jobCommands.fail(ctx, jobKey, retries, errorMessage, backoff, variables);
        }));
  }

  @Override
  public CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables) {
    return processor.submit(ValueType.JOB, Intent.Job.THROW_ERROR,
        AuditRequest.of("THROW_ERROR").target("jobKey", jobKey).data("errorCode", errorCode)
            .data("errorMessage", errorMessage).data("variables", variables).build(),
        done(ctx -> {
          StorableVariables.require(Intent.Job.THROW_ERROR, variables);
          jobCommands.throwError(ctx, jobKey, errorCode, errorMessage, variables);
        }));
  }

  @Override
  public CompletableFuture<Void> updateJobRetries(long jobKey, int retries) {
    return processor.submit(ValueType.JOB, Intent.Job.UPDATE_RETRIES,
        AuditRequest.of("UPDATE_JOB_RETRIES").target("jobKey", jobKey).data("retries", retries).build(),
        done(ctx -> jobCommands.updateRetries(ctx, jobKey, retries)));
  }

  @Override
  public CompletableFuture<Void> updateJobTimeout(long jobKey, Duration timeout) {
    return processor.submit(ValueType.JOB, Intent.Job.UPDATE_TIMEOUT,
        AuditRequest.of("UPDATE_JOB_TIMEOUT").target("jobKey", jobKey)
            .data("timeoutMillis", timeout == null ? null : timeout.toMillis()).build(),
        done(ctx -> jobCommands.updateTimeout(ctx, jobKey, timeout.toMillis())));
  }

  @Override
  public CompletableFuture<Void> yieldJob(long jobKey) {
    return processor.submit(ValueType.JOB, Intent.Job.YIELDED, done(ctx -> jobCommands.yield(ctx, jobKey)));
  }

  @Override
  public CompletableFuture<Void> resolveIncident(long incidentKey) {
    Caller caller = CallerContext.current();
    return processor.submit(ValueType.INCIDENT, Intent.Incident.RESOLVE,
        AuditRequest.of("RESOLVE_INCIDENT").target("incidentKey", incidentKey).build(), done(ctx -> {
          var incident = ctx.state().incidents().get(incidentKey);
          if (incident != null) {
            access.require(caller, UPDATE_PROCESS_INSTANCE.on(incident.bpmnProcessId()), Intent.Incident.RESOLVE.name());
          }
          incidents.resolve(ctx, incidentKey);
        }));
  }

  @Override
  public CompletableFuture<Long> setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local) {
    Caller caller = CallerContext.current();
    return processor.submit(ValueType.VARIABLE_DOCUMENT, Intent.VariableDocument.UPDATE,
        AuditRequest.of("SET_VARIABLES").target("elementInstanceKey", elementInstanceKey)
            .data("variables", variables).data("local", local).build(),
        reply(ctx -> {
          requireOnInstance(ctx, caller, elementInstanceKey, "UPDATE_PROCESS_INSTANCE", Intent.VariableDocument.UPDATE);
          StorableVariables.require(Intent.VariableDocument.UPDATE, variables);
          long key = variableDocuments.update(ctx, elementInstanceKey, variables == null ? Map.of() : variables, local);
          ctx.auditProduced("variableDocumentKey", key);
          return key;
        }));
  }

  @Override
  public CompletableFuture<Long> publishMessage(PublishMessage command) {
    PublishMessage withTenant = new PublishMessage(command.name(), command.correlationKey(), command.timeToLive(),
        command.messageId(), command.variables(), tenant(command.tenantId()));
    return processor.submit(ValueType.MESSAGE, Intent.Message.PUBLISH, AuditRequests.publishMessage(withTenant),
        reply(ctx -> {
          StorableVariables.require(Intent.Message.PUBLISH, withTenant.variables());
          long key = messages.publish(ctx, withTenant);
          ctx.auditProduced("messageKey", key);
          return key;
        }));
  }

  @Override
  public CompletableFuture<MessageCorrelationInfo> correlateMessage(CorrelateMessage command) {
    CorrelateMessage withTenant = new CorrelateMessage(command.name(), command.correlationKey(), command.variables(),
        tenant(command.tenantId()));
    return processor.submit(ValueType.MESSAGE_CORRELATION, Intent.MessageCorrelation.CORRELATE,
        AuditRequests.correlateMessage(withTenant), reply(ctx -> {
          StorableVariables.require(Intent.MessageCorrelation.CORRELATE, withTenant.variables());
          MessageCorrelationInfo info = messages.correlate(ctx, withTenant);
          ctx.auditProduced("messageKey", info.messageKey());
          ctx.auditProduced("processInstanceKey", info.processInstanceKey());
          return info;
        }));
  }

  @Override
  public CompletableFuture<Long> broadcastSignal(String signalName, Map<String, Object> variables, String tenantId) {
    AuditRequest audit = AuditRequest.of("BROADCAST_SIGNAL").target("signalName", signalName)
        .data("signalName", signalName).data("variables", variables).data("tenantId", tenant(tenantId)).build();
    return processor.submit(ValueType.SIGNAL, Intent.Signal.BROADCAST, audit, reply(ctx -> {
      if (signalName == null || signalName.isBlank()) {
        throw Rejections.invalidArgument(Intent.Signal.BROADCAST, "Expected a signal name, but it was empty");
      }
      StorableVariables.require(Intent.Signal.BROADCAST, variables);
      long key = elements.triggers().broadcastSignal(ctx, signalName, variables, tenant(tenantId));
      ctx.auditProduced("signalKey", key);
      return key;
    }));
  }

  @Override
  public CompletableFuture<Void> pinClock(long epochMillis) {
    return processor.submit(ValueType.CLOCK, Intent.Clock.PIN,
        AuditRequest.of("PIN_CLOCK").data("epochMillis", epochMillis).build(), done(ctx -> {
      requireControllableClock(Intent.Clock.PIN);
      if (epochMillis <= 0) {
        throw Rejections.invalidArgument(Intent.Clock.PIN,
            "Expected a positive time in epoch milliseconds to pin the clock to, but it was %d", epochMillis);
      }
      ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.CLOCK, Intent.Clock.PINNED,
          new ClockRecord(epochMillis));
    }));
  }

  @Override
  public CompletableFuture<Void> resetClock() {
    return processor.submit(ValueType.CLOCK, Intent.Clock.RESET, AuditRequest.of("RESET_CLOCK").build(),
        done(ctx -> {
      requireControllableClock(Intent.Clock.RESET);
      ctx.writer().appendEvent(ctx.state().keys().nextKey(), ValueType.CLOCK, Intent.Clock.RESETTED,
          new ClockRecord(0));
    }));
  }

  private void requireControllableClock(Intent.Clock intent) {
    if (!config.clockControllable()) {
      throw Rejections.invalidState(intent,
          "Expected to modify the engine clock, but the clock is not controllable "
              + "(set relief.engine.clock.controllable=true, for tests only)");
    }
  }

  @Override
  public CompletableFuture<DecisionEvaluationInfo> evaluateDecision(EvaluateDecision command) {
    Caller caller = CallerContext.current();
    EvaluateDecision withTenant = new EvaluateDecision(
        command.decisionId(), command.decisionKey(), command.variables(), tenant(command.tenantId()));
    return processor.submit(ValueType.DECISION_EVALUATION, Intent.DecisionEvaluation.EVALUATE,
        AuditRequest.of("EVALUATE_DECISION").target("decisionId", withTenant.decisionId())
            .target("decisionKey", withTenant.decisionKey() > 0 ? withTenant.decisionKey() : null)
            .data("variables", withTenant.variables()).data("tenantId", withTenant.tenantId()).build(),
        reply(ctx -> {
          StorableVariables.require(Intent.DecisionEvaluation.EVALUATE, withTenant.variables());
          var decision = withTenant.decisionKey() > 0 ? ctx.state().decisions().byKey(withTenant.decisionKey()) : null;
          String decisionId = decision != null ? decision.record().decisionId() : withTenant.decisionId();
          if (decisionId != null) {
            access.require(caller, new Permission("DECISION_DEFINITION", "CREATE_DECISION_INSTANCE").on(decisionId),
                Intent.DecisionEvaluation.EVALUATE.name());
          }
          DecisionEvaluationInfo info = decisionEvaluations.evaluate(ctx, withTenant);
          ctx.auditProduced("decisionEvaluationKey", info.decisionEvaluationKey());
          return info;
        }));
  }

  /**
   * Records an operation the engine does itself outside the command stream (e.g. a retention purge
   * of history tables) in the audit trail, attributed to {@link cn.relief.engine.api.Caller#ENGINE}.
   * Completes when the entry is committed. Going through the writer keeps the chain single-writer.
   */
  public CompletableFuture<Void> recordEngineOperation(AuditRequest operation) {
    return processor.recordEngineOperation(operation);
  }

  /** Waits before each batch as many milliseconds as {@code pause} says: see {@link StreamProcessor#pacedBy}. */
  public void pacedBy(LongSupplier pause) {
    processor.pacedBy(pause);
  }

  /** Records an operation done outside the command stream on behalf of {@code caller} in the audit trail. */
  public CompletableFuture<Void> recordOperation(AuditRequest operation, Caller caller) {
    return processor.recordOperation(operation, caller);
  }

  /** Records a call a gateway refused for want of a permission, with the reason, as a REJECTED audit entry. */
  public CompletableFuture<Void> recordRefusal(AuditRequest operation, Caller caller, String reason) {
    return processor.recordRefusal(operation, caller, reason);
  }

  /** The engine's clock in epoch milliseconds: what record timestamps and due dates are measured against. */
  public long now() {
    return processor.now();
  }

  @Override
  public TopologyInfo topology() {
    return new TopologyInfo(0, config.advertisedHost(), config.advertisedPort(), 1, List.of(config.partitionId()),
        config.version());
  }

  /** A business rule task's decision, evaluated and recorded for history like a direct evaluation. */
  private CalledDecisionEvaluator.Result evaluateCalledDecision(BpmnElementContext element, String decisionId,
      CalledDecision called, Map<String, Object> variables) {
    var record = element.record();
    String binding = switch (called.bindingType()) {
      case LATEST -> DecisionBehavior.BINDING_LATEST;
      case DEPLOYMENT -> DecisionBehavior.BINDING_DEPLOYMENT;
      case VERSION_TAG -> DecisionBehavior.BINDING_VERSION_TAG;
    };
    long deploymentKey = element.command().state().processes().byKey(record.processDefinitionKey())
        .record().deploymentKey();
    DecisionBehavior.Outcome outcome = decisionBehavior.evaluate(element.command(),
        new DecisionBehavior.DecisionReference(decisionId, binding, called.versionTag(), deploymentKey,
            record.tenantId()),
        variables,
        new DecisionBehavior.EvaluationOrigin(record.bpmnProcessId(), record.processDefinitionKey(),
            record.processInstanceKey(), record.elementId(), element.key()));
    return new CalledDecisionEvaluator.Result(outcome.output(), outcome.failureMessage());
  }

  // ---- the engine's own work ------------------------------------------------------------------

  private void checkDueDates() {
    longPolls.expire(System.currentTimeMillis());
    if (dueDateCheckQueued.compareAndSet(false, true)) {
      processor.submitInternal(ValueType.JOB, Intent.Job.TIMED_OUT, (ctx, reply) -> {
        dueDateCheckQueued.set(false);
        dueDates.run(ctx);
      });
    }
  }

  /**
   * Called by the writer thread for each job that became activatable: activates it at once for an
   * open job stream or, failing that, for a long poll waiting for this type, in the same batch, so
   * the job reaches a worker with the commit that created it. Returns false if nobody waits.
   */
  private boolean offerToWaitingWorkers(CommandContext ctx, long jobKey, String type) {
    return offerToStream(ctx, jobKey, type) || offerToLongPoll(ctx, type);
  }

  private boolean offerToStream(CommandContext ctx, long jobKey, String type) {
    JobStreams.Stream stream = jobStreams.pick(type);
    if (stream == null) {
      return false;
    }
    JobStreamRequest request = stream.request();
    long timeout = request.timeout() == null ? 300_000 : request.timeout().toMillis();
    ActivatedJob job = jobActivator.activateOne(ctx, jobKey, request.worker(), timeout, request.fetchVariables());
    ctx.afterCommit(() -> {
      boolean delivered;
      try {
        delivered = stream.consumer().push(job);
      } catch (RuntimeException e) {
        // a consumer that throws is broken: it gets no more jobs
        jobStreams.remove(stream);
        delivered = false;
      }
      if (!delivered) {
        // Refused, e.g. because the worker does not keep up: the stream stays open (a consumer whose
        // stream is gone closes it itself) and the job goes back to the pollers, not to a stream,
        // until the stream says it is ready again.
        yieldJob(job.key()).whenComplete((done, failed) -> stream.consumer().yielded());
      }
    });
    return true;
  }

  private boolean offerToLongPoll(CommandContext ctx, String type) {
    LongPolls.Waiter waiter = longPolls.takeOne(type);
    if (waiter == null) {
      return false;
    }
    ActivateJobs command = waiter.command();
    long timeout = command.timeout() == null ? 300_000 : command.timeout().toMillis();
    // takes this job and any other activatable ones of the type, up to what the poll asked for
    List<ActivatedJob> jobs = jobActivator.activate(
        ctx, type, command.worker(), timeout, command.maxJobsToActivate(), command.fetchVariables());
    ctx.afterCommit(() -> {
      if (!waiter.reply().complete(jobs)) {
        yieldJobs(jobs);
      }
    });
    // The waiter is no longer among the waiting polls: if this batch is refused (a commit failed
    // in a database outage) nobody would answer it, and its worker would hang until its own
    // request timeout. It gets no jobs and polls again; the jobs are activatable in the rebuilt state.
    ctx.ifRefused(() -> waiter.reply().complete(List.of()));
    return true;
  }

  /** Called after a commit for job types that got activatable jobs nobody took yet. */
  private void wakeLongPolls(String type) {
    for (LongPolls.Waiter waiter : longPolls.takeAll(type)) {
      if (!waiter.reply().isDone()) {
        submitActivation(waiter.command(), waiter.reply(), waiter.expiresAt());
      }
    }
  }

  private final class ResultListener implements ProcessResultListener {
    @Override
    public void onProcessCompleted(BpmnElementContext process, Map<String, Object> variables) {
      ResultWaiter waiter = resultWaiters.get(process.key());
      if (waiter == null) {
        return;
      }
      Map<String, Object> fetched = new LinkedHashMap<>();
      if (waiter.fetchVariables() == null || waiter.fetchVariables().isEmpty()) {
        fetched.putAll(variables);
      } else {
        waiter.fetchVariables().stream().filter(variables::containsKey).forEach(n -> fetched.put(n, variables.get(n)));
      }
      process.command().afterCommit(() -> waiter.future().complete(new ProcessInstanceResult(waiter.instance(), fetched)));
    }

    @Override
    public void onProcessTerminated(BpmnElementContext process) {
      ResultWaiter waiter = resultWaiters.get(process.key());
      if (waiter != null) {
        process.command().afterCommit(() -> waiter.future().completeExceptionally(new CommandRejectedException(
            RejectionType.INVALID_STATE, "CREATE_WITH_AWAITING_RESULT",
            "Expected the process instance with key '" + process.key() + "' to complete, but it was terminated")));
      }
    }
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private static <T> CommandHandler<T> reply(Function<CommandContext, T> body) {
    return (ctx, reply) -> {
      T result = body.apply(ctx);
      ctx.afterCommit(() -> reply.complete(result));
    };
  }

  /** Jobs pushed to a stream that is ready again per command (gRPC's window holds about as many small jobs). */
  private static final int STREAM_REFILL = 32;
  private static final Permission CREATE_PROCESS_INSTANCE = new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE");
  private static final Permission UPDATE_PROCESS_INSTANCE = new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE");

  /** The process to start, by id or by key: an unknown one is left for the creation to reject. */
  private void requireMayCreate(CommandContext ctx, Caller caller, CreateProcessInstance command) {
    String processId = command.bpmnProcessId();
    if (processId == null || processId.isBlank()) {
      var process = ctx.state().processes().byKey(command.processDefinitionKey());
      processId = process == null ? null : process.record().bpmnProcessId();
    }
    if (processId != null) {
      access.require(caller, CREATE_PROCESS_INSTANCE.on(processId), Intent.ProcessInstanceCreation.CREATE.name());
    }
  }

  /** A permission on the process of an element instance (the instance itself, or an element in it). */
  private void requireOnInstance(CommandContext ctx, Caller caller, long elementInstanceKey, String permission,
      Enum<?> command) {
    var element = ctx.state().elementInstances().get(elementInstanceKey);
    if (element != null) {
      access.require(caller, new Permission("PROCESS_DEFINITION", permission).on(element.value().bpmnProcessId()),
          command.name());
    }
  }

  /**
   * A user-task change is answered once it took effect: at once without task listeners, else when
   * the last listener let it pass (or one denied it).
   */
  private CommandHandler<Void> userTaskChange(long userTaskKey, java.util.function.Predicate<CommandContext> body) {
    return (ctx, reply) -> {
      if (body.test(ctx)) {
        ctx.afterCommit(() -> reply.complete(null));
      } else {
        userTaskWaiters.put(userTaskKey, reply);
        reply.whenComplete((ignored, failure) -> userTaskWaiters.remove(userTaskKey, reply));
      }
    };
  }

  /**
   * Answers the waiting caller once the change is committed; the waiter is taken only then, so a
   * batch whose commit fails leaves it waiting for the retried command rather than unanswered.
   */
  private final class UserTaskWaiters implements UserTaskReplies {
    @Override
    public void transitionDone(CommandContext ctx, long userTaskKey) {
      ctx.afterCommit(() -> {
        CompletableFuture<Void> waiter = userTaskWaiters.remove(userTaskKey);
        if (waiter != null) {
          waiter.complete(null);
        }
      });
    }

    @Override
    public void transitionRefused(CommandContext ctx, long userTaskKey, CommandRejectedException reason) {
      ctx.afterCommit(() -> {
        CompletableFuture<Void> waiter = userTaskWaiters.remove(userTaskKey);
        if (waiter != null) {
          waiter.completeExceptionally(reason);
        }
      });
    }
  }

  private static CommandHandler<Void> done(Consumer<CommandContext> body) {
    return (ctx, reply) -> {
      body.accept(ctx);
      ctx.afterCommit(() -> reply.complete(null));
    };
  }

  private static CreateProcessInstance withTenant(CreateProcessInstance command) {
    return new CreateProcessInstance(command.bpmnProcessId(), command.version(), command.processDefinitionKey(),
        command.variables(), tenant(command.tenantId()));
  }

  private static String tenant(String tenantId) {
    return tenantId == null || tenantId.isBlank() ? "<default>" : tenantId;
  }

  private static CommandRejectedException unavailable() {
    return new CommandRejectedException(RejectionType.UNAVAILABLE, "ANY", "The engine is shutting down");
  }
}

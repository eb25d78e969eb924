package cn.relief.engine.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The engine's commands, independent of transport. Both the gRPC gateway and the REST v2 API call
 * this; each future either completes with the result after the command's events are committed to
 * PostgreSQL, or fails with {@link CommandRejectedException}.
 *
 * <p>Variables are JSON documents already parsed into plain Java values (maps, lists, strings,
 * numbers, booleans, null). Transports reject documents that are not JSON objects before calling.
 */
public interface EngineApi {

  CompletableFuture<DeploymentInfo> deploy(List<DeployResource> resources, String tenantId);

  CompletableFuture<ProcessInstanceInfo> createProcessInstance(CreateProcessInstance command);

  /**
   * Creates an instance and completes when the instance has completed, with the instance's
   * variables (all of them, or only {@code fetchVariables} when not empty). Fails with {@link
   * java.util.concurrent.TimeoutException} when {@code requestTimeout} passes first (gRPC
   * DEADLINE_EXCEEDED, HTTP 504); the instance keeps running.
   */
  CompletableFuture<ProcessInstanceResult> createProcessInstanceWithResult(
      CreateProcessInstance command, List<String> fetchVariables, Duration requestTimeout);

  CompletableFuture<Void> cancelProcessInstance(long processInstanceKey);

  /** Moves a running instance to another process definition, element by element as the plan maps them. */
  CompletableFuture<Void> migrateProcessInstance(long processInstanceKey, MigrationPlan plan);

  /** The target definition and, per element of the source, the element of the target it becomes. */
  record MigrationPlan(long targetProcessDefinitionKey, List<MappingInstruction> mappingInstructions) {}

  record MappingInstruction(String sourceElementId, String targetElementId) {}

  /**
   * Starts a batch operation over the process instances {@code filter} (a REST v2 process instance
   * filter) matches: {@code CANCEL_PROCESS_INSTANCE}, {@code MIGRATE_PROCESS_INSTANCE} (with
   * {@code plan}) or {@code RESOLVE_INCIDENT}. Answers the batch operation's key.
   */
  CompletableFuture<Long> createBatchOperation(String type, Map<String, Object> filter, MigrationPlan plan);

  CompletableFuture<Void> suspendBatchOperation(long batchOperationKey);

  CompletableFuture<Void> resumeBatchOperation(long batchOperationKey);

  CompletableFuture<Void> cancelBatchOperation(long batchOperationKey);

  /**
   * Repairs a running instance: activates elements (creating the flow scopes they need) with
   * variables, and terminates element instances; all instructions are applied or none.
   */
  CompletableFuture<Void> modifyProcessInstance(long processInstanceKey, Modification modification);

  /** What a modification does: the elements to activate and the element instances to terminate. */
  record Modification(List<ActivateElement> activateInstructions, List<Long> terminateElementInstanceKeys) {}

  /** An element to activate; {@code ancestorElementInstanceKey} -1 lets the engine find its flow scope. */
  record ActivateElement(String elementId, long ancestorElementInstanceKey, List<ScopedVariables> variableInstructions) {}

  /** Variables to set for an activation; an empty scope id means the process instance's (global) scope. */
  record ScopedVariables(Map<String, Object> variables, String scopeId) {}

  /**
   * Activates up to {@code maxJobsToActivate} jobs; when none is available waits (long polling) up
   * to {@code requestTimeout} for jobs to become activatable. A zero or negative request timeout
   * answers at once.
   */
  CompletableFuture<List<ActivatedJob>> activateJobs(ActivateJobs command);

  /**
   * Opens a job stream: jobs of the type that become activatable are activated for the stream and
   * handed to {@code consumer} after their activation is committed. The consumer returns false when
   * it could not deliver a job (the stream is gone or cannot take more now), which makes the job
   * activatable again for polling workers; it is not pushed to a stream again. The stream stays
   * open until it is closed.
   */
  JobStream openJobStream(JobStreamRequest request, JobConsumer consumer);

  default CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables) {
    return completeJob(jobKey, variables, null);
  }

  /** Completes a job; a task listener's job may carry a result that denies or corrects the task's change. */
  CompletableFuture<Void> completeJob(long jobKey, Map<String, Object> variables, JobResult result);

  /** Assigns a user task; a null assignee unassigns it. Without override an assigned task is rejected. */
  CompletableFuture<Void> assignUserTask(long userTaskKey, String assignee, boolean allowOverride, String action);

  CompletableFuture<Void> updateUserTask(long userTaskKey, UserTaskChanges changes, String action);

  CompletableFuture<Void> completeUserTask(long userTaskKey, Map<String, Object> variables, String action);

  /**
   * What a user task update changes; null leaves an attribute as it is, an empty date clears it.
   */
  record UserTaskChanges(String dueDate, String followUpDate, List<String> candidateUsers,
      List<String> candidateGroups, Integer priority) {}

  CompletableFuture<Void> failJob(
      long jobKey, int retries, String errorMessage, Duration retryBackOff, Map<String, Object> variables);

  CompletableFuture<Void> throwError(
      long jobKey, String errorCode, String errorMessage, Map<String, Object> variables);

  CompletableFuture<Void> updateJobRetries(long jobKey, int retries);

  CompletableFuture<Void> updateJobTimeout(long jobKey, Duration timeout);

  /**
   * Hands back an activated job that a gateway could not deliver (the caller went away): it
   * becomes activatable again at once, without counting as a failure.
   */
  CompletableFuture<Void> yieldJob(long jobKey);

  /**
   * Hands back activated jobs a gateway could not deliver. A hand-back that fails is harmless: the
   * job becomes activatable again anyway once its deadline passes.
   */
  default void yieldJobs(List<ActivatedJob> jobs) {
    jobs.forEach(job -> yieldJob(job.key()));
  }

  CompletableFuture<Void> resolveIncident(long incidentKey);

  /** Returns the key of the variable document record. */
  CompletableFuture<Long> setVariables(long elementInstanceKey, Map<String, Object> variables, boolean local);

  /** Returns the message key. */
  CompletableFuture<Long> publishMessage(PublishMessage command);

  /** Correlates a message at once (never buffered); NOT_FOUND if nothing waits for it. */
  CompletableFuture<MessageCorrelationInfo> correlateMessage(CorrelateMessage command);

  /** Broadcasts a signal; returns its key. */
  CompletableFuture<Long> broadcastSignal(String signalName, Map<String, Object> variables, String tenantId);

  /** Pins the engine clock to a time (epoch milliseconds); only when the clock is controllable. */
  CompletableFuture<Void> pinClock(long epochMillis);

  /** Lets the engine clock follow the system clock again. */
  CompletableFuture<Void> resetClock();

  /**
   * Evaluates a decision, named by {@code decisionId} (its latest version) or, when no id is given,
   * by {@code decisionKey}. A decision that is found but fails to evaluate is not a rejection: the
   * result carries the failure, as in Zeebe. An unknown decision is rejected with NOT_FOUND.
   */
  CompletableFuture<DecisionEvaluationInfo> evaluateDecision(EvaluateDecision command);

  TopologyInfo topology();

  // ---- command and result shapes -------------------------------------------------------------

  record DeployResource(String name, byte[] content) {}

  record DeployedProcess(
      String bpmnProcessId, int version, long processDefinitionKey, String resourceName, String tenantId) {}

  record DeployedDecision(
      String decisionId,
      String decisionName,
      int version,
      long decisionKey,
      String decisionRequirementsId,
      long decisionRequirementsKey,
      String tenantId) {}

  record DeployedDecisionRequirements(
      String decisionRequirementsId,
      String decisionRequirementsName,
      int version,
      long decisionRequirementsKey,
      String resourceName,
      String tenantId) {}

  record DeployedForm(String formId, int version, long formKey, String resourceName, String tenantId) {}

  record DeploymentInfo(
      long deploymentKey,
      String tenantId,
      List<DeployedProcess> processes,
      List<DeployedDecision> decisions,
      List<DeployedDecisionRequirements> decisionRequirements,
      List<DeployedForm> forms) {

    public DeploymentInfo(long deploymentKey, String tenantId, List<DeployedProcess> processes) {
      this(deploymentKey, tenantId, processes, List.of(), List.of(), List.of());
    }
  }

  /**
   * Either {@code processDefinitionKey} (when &gt; 0) or {@code bpmnProcessId} with {@code version}
   * (-1 for the latest) names the process.
   */
  record CreateProcessInstance(
      String bpmnProcessId, int version, long processDefinitionKey, Map<String, Object> variables, String tenantId) {}

  record ProcessInstanceInfo(
      long processInstanceKey, long processDefinitionKey, String bpmnProcessId, int version, String tenantId) {}

  record ProcessInstanceResult(ProcessInstanceInfo instance, Map<String, Object> variables) {}

  record ActivateJobs(
      String type,
      String worker,
      Duration timeout,
      int maxJobsToActivate,
      List<String> fetchVariables,
      Duration requestTimeout,
      List<String> tenantIds) {}

  record ActivatedJob(
      long key,
      String type,
      long processInstanceKey,
      String bpmnProcessId,
      int processDefinitionVersion,
      long processDefinitionKey,
      String elementId,
      long elementInstanceKey,
      Map<String, String> customHeaders,
      String worker,
      int retries,
      long deadline,
      Map<String, Object> variables,
      String tenantId,
      String kind,
      String listenerEventType,
      UserTaskProperties userTask) {}

  /** The user task a task listener's job is about, as the change under way would leave it. */
  record UserTaskProperties(
      long userTaskKey,
      String action,
      String assignee,
      List<String> candidateGroups,
      List<String> candidateUsers,
      List<String> changedAttributes,
      String dueDate,
      String followUpDate,
      Long formKey,
      int priority) {}

  /**
   * What a task listener's worker decided: deny the change (with a reason), or let it pass, with
   * corrections to the task's attributes (null = keep; an empty text or list clears).
   */
  record JobResult(boolean denied, String deniedReason, Corrections corrections) {
    public boolean hasEffect() {
      return denied || (deniedReason != null && !deniedReason.isEmpty()) || (corrections != null && !corrections.correctNothing());
    }
  }

  record Corrections(String assignee, String dueDate, String followUpDate, List<String> candidateUsers,
      List<String> candidateGroups, Integer priority) {
    public boolean correctNothing() {
      return assignee == null && dueDate == null && followUpDate == null && candidateUsers == null
          && candidateGroups == null && priority == null;
    }
  }

  record JobStreamRequest(String type, String worker, Duration timeout, List<String> fetchVariables, List<String> tenantIds) {}

  @FunctionalInterface
  interface JobConsumer {
    /** Delivers one job; returns false if it could not be delivered. */
    boolean push(ActivatedJob job);

    /**
     * Jobs it refused are activatable again (handed to the pollers): a consumer that can take jobs
     * by now asks its {@link JobStream#ready()}, since it may have become ready before they were.
     */
    default void yielded() {}
  }

  interface JobStream extends AutoCloseable {
    @Override
    void close();

    /**
     * The consumer can take jobs again after refusing some because it was not keeping up: the
     * engine pushes it the jobs of its type that still wait for a worker (refused jobs went to the
     * pollers, and a worker that only streams polls rarely).
     */
    default void ready() {}
  }

  record PublishMessage(
      String name, String correlationKey, Duration timeToLive, String messageId, Map<String, Object> variables, String tenantId) {}

  record CorrelateMessage(String name, String correlationKey, Map<String, Object> variables, String tenantId) {}

  record MessageCorrelationInfo(long messageKey, long processInstanceKey, String tenantId) {}

  /** Either {@code decisionId} (when not blank) or {@code decisionKey} (when &gt; 0) names the decision. */
  record EvaluateDecision(String decisionId, long decisionKey, Map<String, Object> variables, String tenantId) {}

  /**
   * A decision evaluation. Outputs and values are JSON documents. On failure {@code failureMessage}
   * and {@code failedDecisionId} are set and {@code decisionOutput} is {@code "null"}.
   */
  record DecisionEvaluationInfo(
      long decisionEvaluationKey,
      long decisionKey,
      String decisionId,
      String decisionName,
      int decisionVersion,
      String decisionRequirementsId,
      long decisionRequirementsKey,
      String decisionOutput,
      List<EvaluatedDecision> evaluatedDecisions,
      String failedDecisionId,
      String failureMessage,
      String tenantId) {}

  /** @param evaluationInstanceKey identifies this decision within the evaluation ("key-index") */
  record EvaluatedDecision(
      String decisionId,
      String decisionName,
      long decisionKey,
      int decisionVersion,
      String decisionType,
      String decisionOutput,
      List<EvaluatedDecisionInput> evaluatedInputs,
      List<MatchedDecisionRule> matchedRules,
      String evaluationInstanceKey,
      String tenantId) {}

  record EvaluatedDecisionInput(String inputId, String inputName, String inputValue) {}

  record MatchedDecisionRule(String ruleId, int ruleIndex, List<EvaluatedDecisionOutput> evaluatedOutputs) {}

  record EvaluatedDecisionOutput(String outputId, String outputName, String outputValue) {}

  record TopologyInfo(
      int nodeId, String host, int port, int partitionsCount, List<Integer> partitionIds, String version) {}
}

package cn.relief.engine.state;

import cn.relief.engine.bpmn.BpmnElementType;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.bpmn.ExecutableFlowNode;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.bpmn.ExecutableSequenceFlow;
import cn.relief.engine.record.AuthorizationRecord;
import cn.relief.engine.record.BatchOperationRecord;
import cn.relief.engine.record.ClockRecord;
import cn.relief.engine.record.GroupRecord;
import cn.relief.engine.record.RoleRecord;
import cn.relief.engine.record.UserRecord;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.record.DecisionRecord;
import cn.relief.engine.record.DecisionRequirementsRecord;
import cn.relief.engine.record.DeploymentRecord;
import cn.relief.engine.record.FormRecord;
import cn.relief.engine.record.CompensationSubscriptionRecord;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.ProcessRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.VariableRecord;
import cn.relief.engine.state.JobState.State;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Applies events to the state. The same code runs while processing (right after an event is
 * written) and while replaying the log after a restart, so it must depend on nothing but the
 * event and the state: no clock, no configuration.
 */
public final class EventAppliers {
  private final EngineState state;
  private final BpmnTransformer transformer;
  private final DmnTransformer dmnTransformer;
  private final ObjectMapper json;
  private final Map<String, BiConsumer<Long, Object>> appliers = new HashMap<>();

  public EventAppliers(EngineState state, BpmnTransformer transformer, ObjectMapper json) {
    this(state, transformer, new DmnTransformer(), json);
  }

  public EventAppliers(EngineState state, BpmnTransformer transformer, DmnTransformer dmnTransformer, ObjectMapper json) {
    this.state = state;
    this.transformer = transformer;
    this.dmnTransformer = dmnTransformer;
    this.json = json;
    registerProcessAppliers();
    registerDecisionAppliers();
    registerElementAppliers();
    registerJobAppliers();
    registerUserTaskAppliers();
    registerIncidentAppliers();
    registerVariableAppliers();
    register(ValueType.MESSAGE, Intent.Message.PUBLISHED, (key, v) -> state.messages().published(key, (MessageRecord) v));
    register(ValueType.MESSAGE, Intent.Message.EXPIRED, (key, v) -> state.messages().removed(key));
    registerEventSubscriptionAppliers();
    registerIdentityAppliers();
    register(ValueType.CLOCK, Intent.Clock.PINNED, (key, v) -> state.clock().pin(((ClockRecord) v).time()));
    register(ValueType.CLOCK, Intent.Clock.RESETTED, (key, v) -> state.clock().reset());
    register(ValueType.COMPENSATION_SUBSCRIPTION, Intent.CompensationSubscription.CREATED,
        (key, v) -> state.compensations().created(key, (CompensationSubscriptionRecord) v));
    register(ValueType.COMPENSATION_SUBSCRIPTION, Intent.CompensationSubscription.TRIGGERED,
        (key, v) -> state.compensations().triggered(key, (CompensationSubscriptionRecord) v));
    register(ValueType.COMPENSATION_SUBSCRIPTION, Intent.CompensationSubscription.COMPLETED,
        (key, v) -> state.compensations().completed(key));
  }

  private void registerEventSubscriptionAppliers() {
    TimerState timers = state.timers();
    register(ValueType.TIMER, Intent.Timer.CREATED, (key, v) -> timers.created(key, (TimerRecord) v));
    register(ValueType.TIMER, Intent.Timer.TRIGGERED, (key, v) -> timers.removed(key));
    register(ValueType.TIMER, Intent.Timer.CANCELED, (key, v) -> timers.removed(key));
    MessageSubscriptionState messages = state.messageSubscriptions();
    register(ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.CREATED,
        (key, v) -> messages.created(key, (MessageSubscriptionRecord) v));
    register(ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.CORRELATED, (key, v) -> {
      MessageSubscriptionRecord subscription = (MessageSubscriptionRecord) v;
      state.messages().correlated(subscription.messageKey(), subscription.bpmnProcessId());
    });
    register(ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.DELETED, (key, v) -> messages.deleted(key));
    register(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.MessageStartEventSubscription.CREATED,
        (key, v) -> messages.startCreated(key, (MessageStartEventSubscriptionRecord) v));
    register(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.MessageStartEventSubscription.CORRELATED, (key, v) -> {
      MessageStartEventSubscriptionRecord subscription = (MessageStartEventSubscriptionRecord) v;
      state.messages().correlated(subscription.messageKey(), subscription.bpmnProcessId());
      state.messages().instanceStarted(
          subscription.processInstanceKey(), subscription.bpmnProcessId(), subscription.correlationKey());
    });
    register(ValueType.MESSAGE_START_EVENT_SUBSCRIPTION, Intent.MessageStartEventSubscription.DELETED,
        (key, v) -> messages.startDeleted(key));
    register(ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.CREATED,
        (key, v) -> state.signalSubscriptions().created(key, (SignalSubscriptionRecord) v));
    register(ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.DELETED,
        (key, v) -> state.signalSubscriptions().deleted(key));
    registerMigrationAppliers();
    registerBatchOperationAppliers();
  }

  private void registerBatchOperationAppliers() {
    BatchOperationState batches = state.batches();
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.CREATED,
        (key, v) -> batches.created(key, (BatchOperationRecord) v));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.ITEMS_ADDED,
        (key, v) -> batches.itemsAdded(key, ((BatchOperationRecord) v).itemKeys()));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.INITIALIZED, (key, v) -> batches.initialized(key));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.ITEM_COMPLETED,
        (key, v) -> batches.itemDone(key, ((BatchOperationRecord) v).itemKey(), true));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.ITEM_FAILED,
        (key, v) -> batches.itemDone(key, ((BatchOperationRecord) v).itemKey(), false));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.SUSPENDED, (key, v) -> batches.suspended(key));
    register(ValueType.BATCH_OPERATION, Intent.BatchOperation.RESUMED, (key, v) -> batches.resumed(key));
    for (Intent.BatchOperation end : List.of(Intent.BatchOperation.CANCELED, Intent.BatchOperation.COMPLETED,
        Intent.BatchOperation.PARTIALLY_COMPLETED, Intent.BatchOperation.FAILED)) {
      register(ValueType.BATCH_OPERATION, end, (key, v) -> batches.ended(key));
    }
  }

  /** A migrated instance's parts keep their keys and states; only what they belong to changes. */
  private void registerMigrationAppliers() {
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_MIGRATED,
        (key, v) -> state.elementInstances().migrated(key, (ProcessInstanceRecord) v));
    register(ValueType.JOB, Intent.Job.MIGRATED, (key, v) -> {
      JobState.Job job = state.jobs().get(key);
      if (job != null) {
        state.jobs().put(key, (JobRecord) v, job.state());
      }
    });
    register(ValueType.USER_TASK, Intent.UserTask.MIGRATED, (key, v) -> state.userTasks().migrated(key, (UserTaskRecord) v));
    register(ValueType.INCIDENT, Intent.Incident.MIGRATED, (key, v) -> {
      state.incidents().resolved(key);
      state.incidents().created(key, (IncidentRecord) v);
    });
    register(ValueType.TIMER, Intent.Timer.MIGRATED, (key, v) -> {
      state.timers().removed(key);
      state.timers().created(key, (TimerRecord) v);
    });
    register(ValueType.MESSAGE_SUBSCRIPTION, Intent.MessageSubscription.MIGRATED, (key, v) -> {
      state.messageSubscriptions().deleted(key);
      state.messageSubscriptions().created(key, (MessageSubscriptionRecord) v);
    });
    register(ValueType.SIGNAL_SUBSCRIPTION, Intent.SignalSubscription.MIGRATED, (key, v) -> {
      state.signalSubscriptions().deleted(key);
      state.signalSubscriptions().created(key, (SignalSubscriptionRecord) v);
    });
  }

  private void registerIdentityAppliers() {
    IdentityState identity = state.identity();
    register(ValueType.USER, Intent.User.CREATED, (key, v) -> identity.putUser((UserRecord) v));
    register(ValueType.USER, Intent.User.UPDATED, (key, v) -> identity.putUser((UserRecord) v));
    register(ValueType.USER, Intent.User.DELETED, (key, v) -> identity.deleteUser(((UserRecord) v).username()));
    register(ValueType.GROUP, Intent.Group.CREATED, (key, v) -> identity.putGroup((GroupRecord) v));
    register(ValueType.GROUP, Intent.Group.UPDATED, (key, v) -> identity.putGroup((GroupRecord) v));
    register(ValueType.GROUP, Intent.Group.DELETED, (key, v) -> identity.deleteGroup(((GroupRecord) v).groupId()));
    register(ValueType.GROUP, Intent.Group.ENTITY_ADDED,
        (key, v) -> identity.addToGroup(((GroupRecord) v).groupId(), ((GroupRecord) v).entityId()));
    register(ValueType.GROUP, Intent.Group.ENTITY_REMOVED,
        (key, v) -> identity.removeFromGroup(((GroupRecord) v).groupId(), ((GroupRecord) v).entityId()));
    register(ValueType.ROLE, Intent.Role.CREATED, (key, v) -> identity.putRole((RoleRecord) v));
    register(ValueType.ROLE, Intent.Role.UPDATED, (key, v) -> identity.putRole((RoleRecord) v));
    register(ValueType.ROLE, Intent.Role.DELETED, (key, v) -> identity.deleteRole(((RoleRecord) v).roleId()));
    register(ValueType.ROLE, Intent.Role.ENTITY_ADDED, (key, v) -> {
      RoleRecord role = (RoleRecord) v;
      identity.addToRole(role.roleId(), role.entityType(), role.entityId());
    });
    register(ValueType.ROLE, Intent.Role.ENTITY_REMOVED, (key, v) -> {
      RoleRecord role = (RoleRecord) v;
      identity.removeFromRole(role.roleId(), role.entityType(), role.entityId());
    });
    register(ValueType.AUTHORIZATION, Intent.Authorization.CREATED,
        (key, v) -> identity.putAuthorization(key, (AuthorizationRecord) v));
    register(ValueType.AUTHORIZATION, Intent.Authorization.UPDATED,
        (key, v) -> identity.putAuthorization(key, (AuthorizationRecord) v));
    register(ValueType.AUTHORIZATION, Intent.Authorization.DELETED, (key, v) -> identity.deleteAuthorization(key));
  }

  public void apply(Record record) {
    state.keys().observe(record.key());
    state.setLastPosition(record.position());
    if (record.recordType() != RecordType.EVENT) {
      return;
    }
    BiConsumer<Long, Object> applier = appliers.get(record.valueType().name() + "." + record.intent());
    if (applier != null) {
      applier.accept(record.key(), record.value());
    }
  }

  private void register(ValueType type, Enum<?> intent, BiConsumer<Long, Object> applier) {
    appliers.put(type.name() + "." + intent.name(), applier);
  }

  private void registerProcessAppliers() {
    register(ValueType.PROCESS, Intent.Process.CREATED, (key, v) -> {
      ProcessRecord record = (ProcessRecord) v;
      BpmnTransformer.Result result =
          transformer.transform(record.resourceName(), record.resource().getBytes(StandardCharsets.UTF_8));
      ExecutableProcess executable = result.processes().stream()
          .filter(p -> p.bpmnProcessId().equals(record.bpmnProcessId()))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException(
              "Deployed process '" + record.bpmnProcessId() + "' no longer transforms: " + result.problems()));
      state.processes().put(new DeployedProcess(key, record, executable));
    });
  }

  private void registerDecisionAppliers() {
    register(ValueType.DECISION_REQUIREMENTS, Intent.DecisionRequirements.CREATED, (key, v) -> {
      DecisionRequirementsRecord record = (DecisionRequirementsRecord) v;
      DmnTransformer.Result result =
          dmnTransformer.transform(record.resourceName(), record.resource().getBytes(StandardCharsets.UTF_8));
      if (!result.isValid()) {
        throw new IllegalStateException("Deployed decision requirements '" + record.decisionRequirementsId()
            + "' no longer parse: " + result.problems());
      }
      state.decisions().putRequirements(new DeployedDecisionRequirements(key, record, result.requirements()));
    });
    register(ValueType.DECISION, Intent.Decision.CREATED,
        (key, v) -> state.decisions().putDecision(new DeployedDecision(key, (DecisionRecord) v)));
    register(ValueType.FORM, Intent.Form.CREATED, (key, v) -> {
      FormRecord record = (FormRecord) v;
      state.forms().put(new DeployedForm(key, record, FormSchema.parse(record.resource().getBytes(StandardCharsets.UTF_8))));
    });
    register(ValueType.DEPLOYMENT, Intent.Deployment.CREATED, (key, v) -> {
      DeploymentRecord deployment = (DeploymentRecord) v;
      Map<String, Long> decisionKeys = new HashMap<>();
      deployment.decisions().forEach(d -> decisionKeys.put(d.decisionId(), d.decisionKey()));
      state.decisions().putDeployment(key, decisionKeys);
      Map<String, Long> formKeys = new HashMap<>();
      deployment.forms().forEach(f -> formKeys.put(f.formId(), f.formKey()));
      state.forms().putDeployment(key, formKeys);
    });
  }

  private void registerElementAppliers() {
    ElementInstanceState instances = state.elementInstances();
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATING, (key, v) -> {
      ProcessInstanceRecord record = (ProcessInstanceRecord) v;
      if (isJoin(record.bpmnElementType())) {
        ExecutableFlowNode gateway = node(record);
        ElementInstance flowScope = instances.get(record.flowScopeKey());
        if (gateway.incoming().size() > 1 && flowScope != null) {
          flowScope.consumeJoinTokens(gateway.id());
        }
      }
      instances.activating(key, record);
      if (record.bpmnElementType() == BpmnElementType.PROCESS && record.parentElementInstanceKey() > 0) {
        ElementInstance callActivity = instances.get(record.parentElementInstanceKey());
        if (callActivity != null) {
          callActivity.setCalledChildKey(key);
        }
      }
    });
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_ACTIVATED,
        (key, v) -> instances.transition(key, ElementState.ACTIVATED));
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_COMPLETING,
        (key, v) -> instances.transition(key, ElementState.COMPLETING));
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_TERMINATING,
        (key, v) -> instances.transition(key, ElementState.TERMINATING));
    BiConsumer<Long, Object> ended = (key, v) -> {
      instances.ended(key);
      state.variables().removeScope(key);
      if (((ProcessInstanceRecord) v).bpmnElementType() == BpmnElementType.PROCESS) {
        state.messages().instanceEnded(key);
        state.compensations().processInstanceEnded(key);
      }
    };
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_COMPLETED, ended);
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.ELEMENT_TERMINATED, ended);
    register(ValueType.PROCESS_INSTANCE, Intent.ProcessInstance.SEQUENCE_FLOW_TAKEN, (key, v) -> {
      ProcessInstanceRecord record = (ProcessInstanceRecord) v;
      ExecutableSequenceFlow flow =
          state.processes().byKey(record.processDefinitionKey()).executable().flow(record.elementId());
      ExecutableFlowNode target = flow.target();
      if (isJoin(target.type()) && target.incoming().size() > 1) {
        ElementInstance flowScope = instances.get(record.flowScopeKey());
        if (flowScope != null) {
          flowScope.addJoinToken(target.id(), flow.id());
        }
      }
    });
  }

  private static boolean isJoin(BpmnElementType type) {
    return type == BpmnElementType.PARALLEL_GATEWAY || type == BpmnElementType.INCLUSIVE_GATEWAY;
  }

  private ExecutableFlowNode node(ProcessInstanceRecord record) {
    return state.processes().byKey(record.processDefinitionKey()).executable().node(record.elementId());
  }

  private void registerUserTaskAppliers() {
    UserTaskState tasks = state.userTasks();
    register(ValueType.USER_TASK, Intent.UserTask.CREATING,
        (key, v) -> tasks.put(key, (UserTaskRecord) v, UserTaskState.LifecycleState.CREATING));
    // the events of a change carry the task as it is after the change
    BiConsumer<Long, Object> open = (key, v) -> tasks.put(key, (UserTaskRecord) v, UserTaskState.LifecycleState.CREATED);
    register(ValueType.USER_TASK, Intent.UserTask.CREATED, open);
    register(ValueType.USER_TASK, Intent.UserTask.ASSIGNED, open);
    register(ValueType.USER_TASK, Intent.UserTask.UPDATED, open);
    register(ValueType.USER_TASK, Intent.UserTask.ASSIGNING,
        (key, v) -> tasks.begin(key, UserTaskState.LifecycleState.ASSIGNING, (UserTaskRecord) v));
    register(ValueType.USER_TASK, Intent.UserTask.UPDATING,
        (key, v) -> tasks.begin(key, UserTaskState.LifecycleState.UPDATING, (UserTaskRecord) v));
    register(ValueType.USER_TASK, Intent.UserTask.COMPLETING,
        (key, v) -> tasks.begin(key, UserTaskState.LifecycleState.COMPLETING, (UserTaskRecord) v));
    register(ValueType.USER_TASK, Intent.UserTask.CORRECTED, (key, v) -> tasks.correct(key, (UserTaskRecord) v));
    BiConsumer<Long, Object> denied = (key, v) -> tasks.revert(key);
    register(ValueType.USER_TASK, Intent.UserTask.ASSIGNMENT_DENIED, denied);
    register(ValueType.USER_TASK, Intent.UserTask.UPDATE_DENIED, denied);
    register(ValueType.USER_TASK, Intent.UserTask.COMPLETION_DENIED, denied);
    register(ValueType.USER_TASK, Intent.UserTask.CANCELING,
        (key, v) -> tasks.transition(key, UserTaskState.LifecycleState.CANCELING));
    register(ValueType.USER_TASK, Intent.UserTask.COMPLETED, (key, v) -> tasks.remove(key));
    register(ValueType.USER_TASK, Intent.UserTask.CANCELED, (key, v) -> tasks.remove(key));
  }

  private void registerJobAppliers() {
    JobState jobs = state.jobs();
    register(ValueType.JOB, Intent.Job.CREATED, (key, v) -> {
      JobRecord job = (JobRecord) v;
      jobs.put(key, job, State.ACTIVATABLE);
      ElementInstance element = state.elementInstances().get(job.elementInstanceKey());
      if (element != null) {
        element.setJobKey(key);
      }
    });
    register(ValueType.JOB, Intent.Job.ACTIVATED, (key, v) -> jobs.put(key, (JobRecord) v, State.ACTIVATED));
    BiConsumer<Long, Object> removed = (key, v) -> {
      JobRecord job = (JobRecord) v;
      jobs.remove(key);
      ElementInstance element = state.elementInstances().get(job.elementInstanceKey());
      if (element != null && element.jobKey() == key) {
        element.setJobKey(0);
      }
    };
    register(ValueType.JOB, Intent.Job.COMPLETED, (key, v) -> {
      removed.accept(key, v);
      if (((JobRecord) v).forTaskListener()) {
        state.userTasks().listenerDone(((JobRecord) v).elementInstanceKey());
      }
    });
    register(ValueType.JOB, Intent.Job.CANCELED, removed);
    register(ValueType.JOB, Intent.Job.FAILED, (key, v) -> {
      JobRecord job = (JobRecord) v;
      boolean immediatelyActivatable = job.retries() > 0 && job.recurringTime() <= 0;
      jobs.put(key, job, immediatelyActivatable ? State.ACTIVATABLE : State.FAILED);
    });
    BiConsumer<Long, Object> activatable = (key, v) -> jobs.put(key, (JobRecord) v, State.ACTIVATABLE);
    register(ValueType.JOB, Intent.Job.TIMED_OUT, activatable);
    register(ValueType.JOB, Intent.Job.YIELDED, activatable);
    register(ValueType.JOB, Intent.Job.RECURRED_AFTER_BACKOFF, activatable);
    BiConsumer<Long, Object> updated = (key, v) -> {
      JobState.Job job = jobs.get(key);
      if (job != null) {
        jobs.put(key, (JobRecord) v, job.state());
      }
    };
    register(ValueType.JOB, Intent.Job.RETRIES_UPDATED, updated);
    register(ValueType.JOB, Intent.Job.TIMEOUT_UPDATED, updated);
    register(ValueType.JOB, Intent.Job.ERROR_THROWN, (key, v) -> jobs.put(key, (JobRecord) v, State.ERROR_THROWN));
  }

  private void registerIncidentAppliers() {
    register(ValueType.INCIDENT, Intent.Incident.CREATED,
        (key, v) -> state.incidents().created(key, (IncidentRecord) v));
    register(ValueType.INCIDENT, Intent.Incident.RESOLVED, (key, v) -> {
      IncidentRecord incident = (IncidentRecord) v;
      state.incidents().resolved(key);
      // a resolved job incident hands the job back to the workers, as in Zeebe
      JobState.Job job = incident.jobKey() > 0 ? state.jobs().get(incident.jobKey()) : null;
      if (job != null && (job.state() == State.FAILED || job.state() == State.ERROR_THROWN)) {
        state.jobs().put(job.key(), job.record(), State.ACTIVATABLE);
      }
    });
  }

  private void registerVariableAppliers() {
    BiConsumer<Long, Object> put = (key, v) -> {
      VariableRecord variable = (VariableRecord) v;
      state.variables().put(variable.scopeKey(), variable.name(), key, parse(variable.value()));
    };
    register(ValueType.VARIABLE, Intent.Variable.CREATED, put);
    register(ValueType.VARIABLE, Intent.Variable.UPDATED, (key, v) -> {
      VariableRecord variable = (VariableRecord) v;
      VariableState.Variable existing = state.variables().get(variable.scopeKey(), variable.name());
      long variableKey = existing == null ? key : existing.key();
      state.variables().put(variable.scopeKey(), variable.name(), variableKey, parse(variable.value()));
    });
  }

  private Object parse(String value) {
    try {
      return json.readValue(value, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A variable event holds invalid JSON", e);
    }
  }
}

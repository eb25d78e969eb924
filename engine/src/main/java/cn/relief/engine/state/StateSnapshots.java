package cn.relief.engine.state;

import cn.relief.engine.record.CompensationSubscriptionRecord;
import cn.relief.engine.record.IncidentRecord;
import cn.relief.engine.record.JobRecord;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.MessageStartEventSubscriptionRecord;
import cn.relief.engine.record.MessageSubscriptionRecord;
import cn.relief.engine.record.SignalSubscriptionRecord;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.UserTaskRecord;
import cn.relief.engine.record.ProcessInstanceRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

/**
 * Writes the state as one document and reads it back, so that a restart replays only the records
 * after the snapshot instead of the whole history. Deployed processes, decisions and forms are not
 * part of it: they are few and are rebuilt from their PROCESS, DECISION_REQUIREMENTS, DECISION and
 * FORM records, which keeps the document small.
 */
public final class StateSnapshots {
  private StateSnapshots() {}

  record Snapshot(
      long lastPosition,
      long nextKey,
      List<Element> elementInstances,
      List<Variable> variables,
      List<Job> jobs,
      List<Incident> incidents,
      List<Message> messages,
      List<Timer> timers,
      List<MessageSubscription> messageSubscriptions,
      List<MessageStartSubscription> messageStartSubscriptions,
      List<SignalSubscription> signalSubscriptions,
      Map<Long, Set<String>> correlatedProcesses,
      Map<Long, List<String>> startedInstances,
      long pinnedClock,
      List<Compensation> compensations,
      List<UserTask> userTasks,
      IdentityState.Snapshot identity,
      List<BatchOperationState.Snapshot> batchOperations) {}

  record UserTask(long key, UserTaskRecord record, UserTaskState.LifecycleState state, UserTaskRecord pending,
      int listenersDone) {}

  record Compensation(long key, CompensationSubscriptionRecord record) {}

  record Element(long key, ProcessInstanceRecord value, ElementState state, long jobKey,
      Map<String, Map<String, Integer>> joinTokens, long calledChildKey) {}

  record Variable(long scopeKey, String name, long key, Object value) {}

  record Job(long key, JobRecord record, JobState.State state) {}

  record Incident(long key, IncidentRecord record) {}

  record Message(long key, MessageRecord record) {}

  record Timer(long key, TimerRecord record) {}

  record MessageSubscription(long key, MessageSubscriptionRecord record) {}

  record MessageStartSubscription(long key, MessageStartEventSubscriptionRecord record) {}

  record SignalSubscription(long key, SignalSubscriptionRecord record) {}

  /** The state as a document; entries are sorted by key so equal states give equal documents. */
  public static byte[] take(EngineState state, ObjectMapper json) throws IOException {
    List<Element> elements = new ArrayList<>();
    for (ElementInstance instance : state.elementInstances().all()) {
      elements.add(new Element(instance.key(), instance.value(), instance.state(), instance.jobKey(),
          instance.allJoinTokens(), instance.calledChildKey()));
    }
    elements.sort(Comparator.comparingLong(Element::key));
    List<Variable> variables = new ArrayList<>();
    state.variables().all().forEach((scope, byName) -> byName.forEach(
        (name, variable) -> variables.add(new Variable(scope, name, variable.key(), variable.value()))));
    variables.sort(Comparator.comparingLong(Variable::key).thenComparingLong(Variable::scopeKey));
    List<Job> jobs = new ArrayList<>();
    state.jobs().all().forEach(job -> jobs.add(new Job(job.key(), job.record(), job.state())));
    jobs.sort(Comparator.comparingLong(Job::key));
    List<Incident> incidents = new ArrayList<>();
    state.incidents().all().forEach((key, record) -> incidents.add(new Incident(key, record)));
    incidents.sort(Comparator.comparingLong(Incident::key));
    List<Message> messages = new ArrayList<>();
    state.messages().all().forEach((key, record) -> messages.add(new Message(key, record)));
    messages.sort(Comparator.comparingLong(Message::key));
    List<Timer> timers = sorted(state.timers().all(), Timer::new, Timer::key);
    List<MessageSubscription> messageSubscriptions =
        sorted(state.messageSubscriptions().all(), MessageSubscription::new, MessageSubscription::key);
    List<MessageStartSubscription> startSubscriptions = sorted(
        state.messageSubscriptions().allStartSubscriptions(), MessageStartSubscription::new, MessageStartSubscription::key);
    List<SignalSubscription> signalSubscriptions =
        sorted(state.signalSubscriptions().all(), SignalSubscription::new, SignalSubscription::key);
    return json.writeValueAsBytes(new Snapshot(state.lastPosition(), state.keys().peekNextKey(), elements,
        variables, jobs, incidents, messages, timers, messageSubscriptions, startSubscriptions, signalSubscriptions,
        new TreeMap<>(state.messages().allCorrelatedProcesses()), new TreeMap<>(state.messages().allStartedInstances()),
        state.clock().pinnedTime(), sorted(state.compensations().all(), Compensation::new, Compensation::key),
        sorted(state.userTasks().all(), (key, task) -> new UserTask(key, task.record(), task.state(), task.pending(), task.listenersDone()), UserTask::key),
        state.identity().snapshot(), state.batches().snapshot()));
  }

  private static <V, E> List<E> sorted(Map<Long, V> source, BiFunction<Long, V, E> entry, ToLongFunction<E> key) {
    List<E> entries = new ArrayList<>(source.size());
    source.forEach((k, v) -> entries.add(entry.apply(k, v)));
    entries.sort(Comparator.comparingLong(key));
    return entries;
  }

  private static <T> List<T> orEmpty(List<T> list) {
    return list == null ? List.of() : list;
  }

  /**
   * Loads a snapshot into a state that holds only the deployed definitions; returns the position the
   * snapshot was taken at.
   */
  public static long restore(EngineState state, byte[] document, ObjectMapper json) throws IOException {
    Snapshot snapshot = json.readValue(document, Snapshot.class);
    // parents have smaller keys than their children, so every flow scope exists before its children
    for (Element element : snapshot.elementInstances()) {
      state.elementInstances().activating(element.key(), element.value());
      ElementInstance instance = state.elementInstances().get(element.key());
      instance.setState(element.state());
      instance.setJobKey(element.jobKey());
      instance.setCalledChildKey(element.calledChildKey());
      instance.restoreJoinTokens(element.joinTokens() == null ? Map.of() : element.joinTokens());
    }
    for (Variable variable : snapshot.variables()) {
      state.variables().put(variable.scopeKey(), variable.name(), variable.key(), variable.value());
    }
    for (Job job : snapshot.jobs()) {
      state.jobs().put(job.key(), job.record(), job.state());
    }
    for (Incident incident : snapshot.incidents()) {
      state.incidents().created(incident.key(), incident.record());
    }
    for (Message message : snapshot.messages()) {
      state.messages().published(message.key(), message.record());
    }
    for (Timer timer : orEmpty(snapshot.timers())) {
      state.timers().created(timer.key(), timer.record());
    }
    for (MessageSubscription subscription : orEmpty(snapshot.messageSubscriptions())) {
      state.messageSubscriptions().created(subscription.key(), subscription.record());
    }
    for (MessageStartSubscription subscription : orEmpty(snapshot.messageStartSubscriptions())) {
      state.messageSubscriptions().startCreated(subscription.key(), subscription.record());
    }
    for (SignalSubscription subscription : orEmpty(snapshot.signalSubscriptions())) {
      state.signalSubscriptions().created(subscription.key(), subscription.record());
    }
    if (snapshot.correlatedProcesses() != null) {
      snapshot.correlatedProcesses().forEach((messageKey, processes) ->
          processes.forEach(process -> state.messages().correlated(messageKey, process)));
    }
    if (snapshot.startedInstances() != null) {
      snapshot.startedInstances().forEach((instanceKey, started) ->
          state.messages().instanceStarted(instanceKey, started.get(0), started.get(1)));
    }
    for (Compensation compensation : orEmpty(snapshot.compensations())) {
      state.compensations().created(compensation.key(), compensation.record());
    }
    for (UserTask task : orEmpty(snapshot.userTasks())) {
      state.userTasks().restore(
          new UserTaskState.Task(task.key(), task.record(), task.state(), task.pending(), task.listenersDone()));
    }
    if (snapshot.batchOperations() != null) { // absent from snapshots taken before batch operations existed
      state.batches().restore(snapshot.batchOperations());
    }
    if (snapshot.identity() != null) { // absent from snapshots taken before identity existed
      state.identity().restore(snapshot.identity());
    }
    if (snapshot.pinnedClock() > 0) {
      state.clock().pin(snapshot.pinnedClock());
    }
    state.keys().observe(snapshot.nextKey() - 1);
    state.setLastPosition(snapshot.lastPosition());
    return snapshot.lastPosition();
  }
}

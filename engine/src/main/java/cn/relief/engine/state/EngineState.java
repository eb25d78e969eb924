package cn.relief.engine.state;

/**
 * Everything the engine knows about a partition, rebuilt from the event log on start. Only the
 * appliers change it (package-private mutators); processors read it.
 */
public final class EngineState {
  private final KeyGenerator keys;
  private final ProcessState processes = new ProcessState();
  private final DecisionState decisions = new DecisionState();
  private final FormState forms = new FormState();
  private final ElementInstanceState elementInstances = new ElementInstanceState();
  private final VariableState variables = new VariableState();
  private final JobState jobs = new JobState();
  private final UserTaskState userTasks = new UserTaskState();
  private final IncidentState incidents = new IncidentState();
  private final MessageState messages = new MessageState();
  private final TimerState timers = new TimerState();
  private final MessageSubscriptionState messageSubscriptions = new MessageSubscriptionState();
  private final SignalSubscriptionState signalSubscriptions = new SignalSubscriptionState();
  private final ClockState clock = new ClockState();
  private final CompensationState compensations = new CompensationState();
  private final IdentityState identity = new IdentityState();
  private final BatchOperationState batches = new BatchOperationState();
  private long lastPosition;

  public EngineState(int partitionId) {
    this.keys = new KeyGenerator(partitionId);
  }

  public BatchOperationState batches() {
    return batches;
  }

  public KeyGenerator keys() {
    return keys;
  }

  public ProcessState processes() {
    return processes;
  }

  public DecisionState decisions() {
    return decisions;
  }

  public FormState forms() {
    return forms;
  }

  public ElementInstanceState elementInstances() {
    return elementInstances;
  }

  public VariableState variables() {
    return variables;
  }

  public JobState jobs() {
    return jobs;
  }

  public UserTaskState userTasks() {
    return userTasks;
  }

  public IncidentState incidents() {
    return incidents;
  }

  public MessageState messages() {
    return messages;
  }

  public TimerState timers() {
    return timers;
  }

  public MessageSubscriptionState messageSubscriptions() {
    return messageSubscriptions;
  }

  public SignalSubscriptionState signalSubscriptions() {
    return signalSubscriptions;
  }

  public CompensationState compensations() {
    return compensations;
  }

  public IdentityState identity() {
    return identity;
  }

  public ClockState clock() {
    return clock;
  }

  public long lastPosition() {
    return lastPosition;
  }

  void setLastPosition(long position) {
    this.lastPosition = position;
  }
}

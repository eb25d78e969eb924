package cn.relief.engine.processing;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.state.EngineState;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command's processing works with: the state, the writer, an agenda of follow-up steps
 * run until empty (so that long chains of elements never recurse deeply), and side effects that
 * run only after the batch is committed (replies, job pushes).
 */
public final class CommandContext {
  private final EngineState state;
  private final RecordWriter writer;
  private final Deque<Runnable> agenda = new ArrayDeque<>();
  private final List<Runnable> sideEffects;
  private final List<Runnable> refusalEffects;
  private final Continuations continuations = new Continuations();
  private Map<String, Object> producedKeys = Map.of();
  private CommandRejectedException refusal;

  CommandContext(EngineState state, RecordWriter writer, List<Runnable> sideEffects) {
    this(state, writer, sideEffects, new java.util.ArrayList<>());
  }

  CommandContext(EngineState state, RecordWriter writer, List<Runnable> sideEffects, List<Runnable> refusalEffects) {
    this.state = state;
    this.writer = writer;
    this.sideEffects = sideEffects;
    this.refusalEffects = refusalEffects;
  }

  public EngineState state() {
    return state;
  }

  public RecordWriter writer() {
    return writer;
  }

  public long now() {
    return writer.now();
  }

  /** Steps that wait for something later in the same command (an element or scope to end). */
  public Continuations continuations() {
    return continuations;
  }

  /** Schedules a step of the current command, after the steps already scheduled. */
  public void schedule(Runnable step) {
    agenda.addLast(step);
  }

  /** Runs after the batch holding this command is durably committed. */
  public void afterCommit(Runnable sideEffect) {
    sideEffects.add(sideEffect);
  }

  /**
   * Runs instead of the side effects if the batch holding this command is refused (its commit
   * failed, or processing it hit a bug): for someone outside the command who was promised an
   * answer after the commit (a waiting job poll) and would otherwise wait for it forever.
   */
  public void ifRefused(Runnable undo) {
    refusalEffects.add(undo);
  }

  /**
   * Records a key the command created (a process instance key, a deployment key...) in its audit
   * entry's target, so that searching the trail by that key finds the command that made it.
   */
  public void auditProduced(String name, long key) {
    auditProducedValue(name, key);
  }

  /** Keys the command worked on, found while processing (e.g. the items a batch chunk did). */
  public void auditProduced(String name, java.util.List<Long> keys) {
    auditProducedValue(name, java.util.List.copyOf(keys));
  }

  private void auditProducedValue(String name, Object value) {
    if (producedKeys.isEmpty()) {
      producedKeys = new LinkedHashMap<>();
    }
    producedKeys.put(name, value);
  }

  /**
   * Records the operation in the audit trail as refused, without a rejection in the event log:
   * for calls the gateways refused before they became commands.
   */
  public void auditAsRefused(CommandRejectedException why) {
    this.refusal = why;
  }

  CommandRejectedException auditRefusal() {
    return refusal;
  }

  Map<String, Object> producedKeys() {
    return producedKeys;
  }

  void runAgenda() {
    Runnable step;
    while ((step = agenda.pollFirst()) != null) {
      step.run();
    }
  }
}

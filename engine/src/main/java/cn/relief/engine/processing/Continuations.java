package cn.relief.engine.processing;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What one command still has to do once something it started has finished: activate a boundary
 * event once the interrupted activity is terminated, activate an event sub-process once the other
 * children of its scope are terminated, complete a multi-instance body whose condition held.
 *
 * <p>Termination in this engine never waits for anything outside the command (jobs are cancelled,
 * child instances terminated, all in the same command), so these never outlive the command and
 * need not be part of the state or the log.
 */
public final class Continuations {
  private final Map<Long, Runnable> onTerminated = new HashMap<>();
  private final Map<Long, Runnable> onChildrenEnded = new HashMap<>();
  private final Set<Long> completionConditionsMet = new HashSet<>();

  /** Runs {@code step} right after the element instance is terminated. */
  public void afterTerminated(long elementInstanceKey, Runnable step) {
    onTerminated.put(elementInstanceKey, step);
  }

  public Runnable takeAfterTerminated(long elementInstanceKey) {
    return onTerminated.isEmpty() ? null : onTerminated.remove(elementInstanceKey);
  }

  /** Runs {@code step} instead of completing the scope once its last child has ended. */
  public void afterChildrenEnded(long scopeKey, Runnable step) {
    onChildrenEnded.put(scopeKey, step);
  }

  public Runnable takeAfterChildrenEnded(long scopeKey) {
    return onChildrenEnded.isEmpty() ? null : onChildrenEnded.remove(scopeKey);
  }

  public boolean awaitsChildrenEnded(long scopeKey) {
    return onChildrenEnded.containsKey(scopeKey);
  }

  public void completionConditionMet(long bodyKey) {
    completionConditionsMet.add(bodyKey);
  }

  public boolean takeCompletionConditionMet(long bodyKey) {
    return completionConditionsMet.remove(bodyKey);
  }
}

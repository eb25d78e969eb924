package cn.relief.engine.processing.bpmn;

import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.processing.CommandContext;

/**
 * Told when an assignment, update or completion that waited for task listeners ends, so that the
 * caller who asked for it gets its answer then (as Zeebe answers only when the change took effect).
 */
public interface UserTaskReplies {
  void transitionDone(CommandContext ctx, long userTaskKey);

  /** Denied by a listener, or the task was canceled while its listeners ran. */
  void transitionRefused(CommandContext ctx, long userTaskKey, CommandRejectedException reason);
}

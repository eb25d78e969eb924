package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;

/** A timer: an ISO 8601 date, duration or repeating cycle (or cron), static or FEEL. */
public record TimerDefinition(Kind kind, Expression expression) {
  public enum Kind { DATE, DURATION, CYCLE }
}

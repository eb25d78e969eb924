package cn.relief.engine.processing.command;

import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.JobState;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Acts on time passing: activated jobs past their deadline become activatable again, failed jobs
 * whose back-off ended recur, messages past their time to live expire. Bounded per run so that one
 * command never grows a huge batch.
 */
public final class DueDateProcessor {
  private static final int MAX_PER_RUN = 1000;

  public void run(CommandContext ctx) {
    long now = ctx.now();
    for (long key : take(ctx.state().jobs().expiredDeadlines(now))) {
      JobState.Job job = ctx.state().jobs().get(key);
      ctx.writer().appendEvent(key, ValueType.JOB, Intent.Job.TIMED_OUT, job.record().withDeadline(0));
    }
    for (long key : take(ctx.state().jobs().elapsedBackoffs(now))) {
      JobState.Job job = ctx.state().jobs().get(key);
      ctx.writer().appendEvent(key, ValueType.JOB, Intent.Job.RECURRED_AFTER_BACKOFF, job.record());
    }
    for (long key : take(ctx.state().messages().expired(now))) {
      ctx.writer().appendEvent(key, ValueType.MESSAGE, Intent.Message.EXPIRED, ctx.state().messages().get(key));
    }
  }

  private static List<Long> take(Iterator<JobState.Due> due) {
    List<Long> keys = new ArrayList<>();
    while (due.hasNext() && keys.size() < MAX_PER_RUN) {
      keys.add(due.next().key());
    }
    return keys;
  }
}

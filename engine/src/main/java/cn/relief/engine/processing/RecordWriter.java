package cn.relief.engine.processing;

import cn.relief.engine.api.RejectionType;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.RecordValue;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.EngineState;
import cn.relief.engine.state.EventAppliers;
import cn.relief.engine.state.JobState;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Appends records to the current batch and applies each event to the state at once, so that the
 * next step of the same command sees it. The batch is committed to PostgreSQL as a whole.
 */
public final class RecordWriter {
  private final EngineState state;
  private final EventAppliers appliers;
  private List<Record> batch = new ArrayList<>();
  private final Set<Long> newlyActivatableJobs = new LinkedHashSet<>();
  private long now;

  public RecordWriter(EngineState state, EventAppliers appliers) {
    this.state = state;
    this.appliers = appliers;
  }

  void setNow(long now) {
    this.now = now;
  }

  public long now() {
    return now;
  }

  public long appendEvent(long key, ValueType valueType, Enum<?> intent, RecordValue value) {
    Record record = new Record(
        state.lastPosition() + 1, key, RecordType.EVENT, valueType, intent.name(), null, null, now, value);
    batch.add(record);
    appliers.apply(record);
    if (valueType == ValueType.JOB || (valueType == ValueType.INCIDENT && intent == Intent.Incident.RESOLVED)) {
      trackActivatable(valueType == ValueType.JOB ? key : ((cn.relief.engine.record.IncidentRecord) value).jobKey());
    }
    return key;
  }

  public void appendRejection(
      long key, ValueType valueType, Enum<?> intent, RejectionType type, String reason, RecordValue value) {
    Record record = new Record(
        state.lastPosition() + 1, key, RecordType.COMMAND_REJECTION, valueType, intent.name(), type.name(), reason, now, value);
    batch.add(record);
    appliers.apply(record);
  }

  private void trackActivatable(long jobKey) {
    JobState.Job job = jobKey > 0 ? state.jobs().get(jobKey) : null;
    if (job != null && job.state() == JobState.State.ACTIVATABLE) {
      newlyActivatableJobs.add(jobKey);
    }
  }

  /** Jobs that became activatable since the last call; the caller offers them to job streams. */
  Set<Long> drainNewlyActivatableJobs() {
    if (newlyActivatableJobs.isEmpty()) {
      return Set.of();
    }
    Set<Long> drained = new LinkedHashSet<>(newlyActivatableJobs);
    newlyActivatableJobs.clear();
    return drained;
  }

  /** Hands over the records written so far (to be committed) and starts a new batch. */
  List<Record> takeBatch() {
    List<Record> taken = batch;
    batch = new ArrayList<>(Math.max(16, taken.size()));
    newlyActivatableJobs.clear();
    return taken;
  }

  /** Records written in the current batch so far (to tell whether a step wrote anything). */
  public int batchSize() {
    return batch.size();
  }

}

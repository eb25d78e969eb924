package cn.relief.engine.state;

import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.feel.ExpressionLanguage;
import cn.relief.engine.log.EventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/** Rebuilds a state from a log (from a snapshot and the records after it, or from the whole log) as a document. */
public final class RebuiltState {
  private RebuiltState() {}

  /** The state that replaying the whole log gives (as a restart without snapshot would). */
  public static EngineState state(EventLog log, ObjectMapper json) throws Exception {
    EngineState state = new EngineState(1);
    EventAppliers appliers = new EventAppliers(
        state, new BpmnTransformer(new ExpressionLanguage()), new DmnTransformer(), json);
    log.replay(appliers::apply);
    return state;
  }

  public static byte[] document(EventLog log, Optional<EventLog.StoredSnapshot> snapshot, ObjectMapper json)
      throws Exception {
    EngineState state = new EngineState(1);
    EventAppliers appliers = new EventAppliers(
        state, new BpmnTransformer(new ExpressionLanguage()), new DmnTransformer(), json);
    if (snapshot.isPresent()) {
      log.replayDefinitionsUpTo(snapshot.get().position(), appliers::apply);
      long from = StateSnapshots.restore(state, snapshot.get().state(), json);
      log.replayAfter(from, appliers::apply);
    } else {
      log.replay(appliers::apply);
    }
    return StateSnapshots.take(state, json);
  }
}

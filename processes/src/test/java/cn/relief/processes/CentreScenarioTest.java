package cn.relief.processes;

import cn.relief.engine.record.ProcessInstanceRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.record.VariableRecord;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The harness for processes that are not started by {@link #start} (by a message, a signal, a
 * timer): finds their instances and reads their variables and timers from the records.
 */
abstract class CentreScenarioTest extends ModelScenarioTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Waits for an instance of the process to start; {@link #instance} is its key. */
  protected long awaitInstance(String processId) throws InterruptedException {
    Record started = awaitRecord(r -> r.valueType() == ValueType.PROCESS_INSTANCE
        && r.intent().equals("ELEMENT_ACTIVATED") && ((ProcessInstanceRecord) r.value()).elementId().equals(processId));
    instance = started.key();
    return instance;
  }

  /** The value the variable has last been given in the scope of the process instance itself. */
  protected Object variable(long processInstanceKey, String name) throws Exception {
    Record last = null;
    for (Record record : records) {
      if (record.valueType() == ValueType.VARIABLE && record.value() instanceof VariableRecord variable
          && variable.name().equals(name) && variable.scopeKey() == processInstanceKey) {
        last = record;
      }
    }
    return last == null ? null : JSON.readValue(((VariableRecord) last.value()).value(), Object.class);
  }

  /** The timer created for the element (a boundary event, a timer start event). */
  protected TimerRecord awaitTimer(String elementId) throws InterruptedException {
    return (TimerRecord) awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals(elementId)).value();
  }

  /** How many jobs of the type the engine created, in all instances. */
  protected long jobsCreated(String type) {
    return records.stream().filter(r -> r.valueType() == ValueType.JOB && r.intent().equals("CREATED")
        && ((cn.relief.engine.record.JobRecord) r.value()).type().equals(type)).count();
  }
}

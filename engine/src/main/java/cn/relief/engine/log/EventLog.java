package cn.relief.engine.log;

import cn.relief.engine.record.Record;
import java.util.List;
import java.util.function.Consumer;

/** Durable, ordered storage of a partition's records. */
public interface EventLog {
  /** Appends the records in one transaction; returns only when they are durable. */
  void append(List<Record> records) throws EventLogException;

  /** Reads every record of the partition in position order. */
  void replay(Consumer<Record> consumer) throws EventLogException;
}

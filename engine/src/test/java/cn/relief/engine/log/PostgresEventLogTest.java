package cn.relief.engine.log;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.record.MessageRecord;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.RecordType;
import cn.relief.engine.record.ValueType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Records written with COPY come back from the log exactly as they were, whatever they contain. */
class PostgresEventLogTest extends EmbeddedPostgresTest {

  @Test
  void roundTripsValuesWithCharactersCopyMustEscape() throws Exception {
    ObjectMapper json = new ObjectMapper();
    PostgresEventLog log = new PostgresEventLog(dataSource(), json, 7);
    String tricky = "tab\there, newline\nthere, back\\slash, \\N, quote \" 救助站 \r end";
    List<Record> written = List.of(
        new Record(1, 10, RecordType.EVENT, ValueType.MESSAGE, "PUBLISHED", null, null, 1000,
            new MessageRecord(tricky, "key\t1", 60_000, "id\\n", Map.of("note", tricky), 61_000, "<default>")),
        new Record(2, -1, RecordType.COMMAND_REJECTION, ValueType.MESSAGE, "PUBLISH", "ALREADY_EXISTS",
            "Expected a new message,\nbut \\N was\tfound", 1001, null));
    log.append(written);

    List<Record> read = new ArrayList<>();
    log.replay(read::add);

    assertThat(read).hasSize(2);
    assertThat(read.get(0)).isEqualTo(written.get(0));
    assertThat(read.get(1).rejectionReason()).isEqualTo("Expected a new message,\nbut \\N was\tfound");
    assertThat(read.get(1).rejectionType()).isEqualTo("ALREADY_EXISTS");
    assertThat(read.get(1).value()).isNull();
  }
}

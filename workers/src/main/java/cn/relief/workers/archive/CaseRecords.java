package cn.relief.workers.archive;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.ErrorCodes;
import cn.relief.workers.documents.DocumentStore;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;

/**
 * The case's records kept as JSON documents beside its notices: the medical record and, at closure,
 * the archive record (暂行办法 第66条: entry, departure and aid recorded truly and archived).
 */
@Service
public class CaseRecords {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DocumentStore documents;
  private final Clock clock;

  @Autowired
  public CaseRecords(DocumentStore documents) {
    this(documents, Clock.systemUTC());
  }

  CaseRecords(DocumentStore documents, Clock clock) {
    this.documents = documents;
    this.clock = clock;
  }

  /** Files a record; the same key keeps the first record. Returns its document id. */
  public String file(String idempotencyKey, String caseNumber, String kind, Map<String, Object> content) {
    String fileName = kind + ".json";
    return documents.find(idempotencyKey, caseNumber, fileName).orElseGet(() -> {
      Map<String, Object> record = new LinkedHashMap<>();
      record.put("kind", kind);
      record.put("caseNumber", caseNumber);
      record.put("recordedAt", clock.instant().toString());
      record.putAll(content);
      return documents.store(idempotencyKey, caseNumber, fileName, json(record));
    });
  }

  /**
   * Archives a closed case.
   *
   * @throws BusinessOutcome {@link ErrorCodes#RECORDS_INCOMPLETE} when the closure review did not
   *     confirm the records complete: losing records is punishable, so nothing incomplete is archived
   */
  public String archive(String idempotencyKey, String caseNumber, boolean recordsComplete,
      Map<String, Object> closure) {
    if (!recordsComplete) {
      throw new BusinessOutcome(ErrorCodes.RECORDS_INCOMPLETE,
          "Case " + caseNumber + " cannot be archived: the closure review did not confirm its records complete");
    }
    return file(idempotencyKey, caseNumber, "archive", closure);
  }

  private static byte[] json(Map<String, Object> record) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Record is not serialisable as JSON: " + record, e);
    }
  }
}

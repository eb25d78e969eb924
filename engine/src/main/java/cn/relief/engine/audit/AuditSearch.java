package cn.relief.engine.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/** Reads the audit trail page by page, for auditors' views. */
public final class AuditSearch {
  private final DataSource dataSource;
  private final ObjectMapper json;

  public AuditSearch(DataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Throws {@link IllegalArgumentException} for a page size out of range or a filter value with NUL. */
  public AuditPage search(AuditQuery query) {
    int pageSize = query.pageSize() == null ? AuditQuery.DEFAULT_PAGE_SIZE : query.pageSize();
    if (pageSize < 1 || pageSize > AuditQuery.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("Expected a page size between 1 and " + AuditQuery.MAX_PAGE_SIZE
          + ", but it was " + pageSize);
    }
    List<Object> parameters = new ArrayList<>();
    String from = "engine_audit";
    if (query.targetKey() != null) {
      // any key of the target, whatever its name: a job key, a process instance key..., also one of
      // a list of keys (the instances a purge removed). The entries of a key are few: found through
      // the index on the function (V21) first (OFFSET 0 keeps the planner from walking the whole
      // trail in sequence order instead), then filtered and ordered.
      from = "(SELECT * FROM engine_audit WHERE engine_audit_target_keys(target) @> ARRAY[?]::text[] OFFSET 0) e";
      parameters.add(query.targetKey().toString());
    }
    StringBuilder sql = new StringBuilder("SELECT " + AuditColumns.SELECT + " FROM " + from + " WHERE sequence > ?");
    parameters.add(query.afterSequence() == null ? 0L : query.afterSequence());
    if (query.callerId() != null) {
      sql.append(" AND caller_id = ?");
      parameters.add(query.callerId());
    }
    if (query.operation() != null) {
      sql.append(" AND operation = ?");
      parameters.add(query.operation());
    }
    if (query.from() != null) {
      sql.append(" AND recorded_at >= ?");
      parameters.add(query.from());
    }
    if (query.to() != null) {
      sql.append(" AND recorded_at < ?");
      parameters.add(query.to());
    }
    sql.append(" ORDER BY sequence LIMIT ?");
    parameters.add(pageSize + 1); // one more tells whether there is a next page
    boolean mask = Boolean.TRUE.equals(query.maskPersonalData());
    for (Object parameter : parameters) {
      // PostgreSQL refuses NUL in text with an error (a 500, found by RequestShapesIT); the trail
      // stores none, so such a filter is the caller's mistake
      if (parameter instanceof String text && text.indexOf('\u0000') >= 0) {
        throw new IllegalArgumentException("Expected filter values without the NUL character, but '"
            + text.replace("\u0000", "\\u0000") + "' contains one");
      }
    }
    List<AuditPage.Item> items = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql.toString())) {
      for (int i = 0; i < parameters.size(); i++) {
        statement.setObject(i + 1, parameters.get(i));
      }
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          items.add(item(AuditColumns.read(rows), mask));
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not search the audit trail", e);
    }
    if (items.size() > pageSize) {
      items = new ArrayList<>(items.subList(0, pageSize));
      return new AuditPage(items, items.get(pageSize - 1).sequence());
    }
    return new AuditPage(items, null);
  }

  private AuditPage.Item item(AuditEntry entry, boolean mask) {
    JsonNode request = parse(entry.request());
    return new AuditPage.Item(entry.sequence(),
        OffsetDateTime.ofInstant(Instant.ofEpochMilli(entry.recordedAt()), ZoneOffset.UTC), entry.callerId(),
        entry.callerKind(), entry.operation(), parse(entry.target()), mask ? AuditMasking.mask(request) : request,
        entry.outcome(), entry.rejectionType(), entry.rejectionMessage(), entry.firstPosition(),
        entry.previousHash(), entry.hash());
  }

  private JsonNode parse(String text) {
    try {
      return json.readTree(text);
    } catch (JsonProcessingException e) {
      // shown as stored: a view must not fail on an entry someone tampered with
      return json.getNodeFactory().textNode(text);
    }
  }
}

package cn.relief.engine.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** The columns of an audit table ({@code engine_audit} or a copy of it) and how a row becomes an entry. */
public final class AuditColumns {
  /** For COPY and INSERT, in {@link AuditEntry}'s field order. */
  public static final String LIST = "(sequence, recorded_at, caller_id, caller_kind, operation, target, request, "
      + "outcome, rejection_type, rejection_message, first_position, previous_hash, hash)";
  /** For SELECT, in the order {@link #read} expects. */
  public static final String SELECT = LIST.substring(1, LIST.length() - 1);

  private AuditColumns() {}

  public static AuditEntry read(ResultSet rows) throws SQLException {
    long firstPosition = rows.getLong(11);
    Long position = rows.wasNull() ? null : firstPosition;
    return new AuditEntry(
        rows.getLong(1),
        rows.getObject(2, OffsetDateTime.class).toInstant().toEpochMilli(),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6),
        rows.getString(7),
        rows.getString(8),
        rows.getString(9),
        rows.getString(10),
        position,
        rows.getString(12),
        rows.getString(13));
  }
}

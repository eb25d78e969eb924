package cn.relief.app.analysis;

import cn.relief.app.storage.AppSchema;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Discovery-report figures for a period (by the day received, China time): by area and by source
 * against the outcome, and the daily trend by source. Linked sightings count as reports of their
 * own (each was a call), their outcome is the first report's.
 */
@Component
class ReportFigures {
  static final List<String> OUTCOMES = List.of("OPEN", "ACCEPTS_HELP", "REFUSES_HELP", "NOT_FOUND", "NO_NEED");
  static final List<String> SOURCES = List.of("PUBLIC_WEB", "HOTLINE_110", "HOTLINE_12345");
  private static final String TABLE = AppSchema.SCHEMA + ".discovery_report";
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** A report's outcome: its own once closed, else its first report's, else open. */
  private static final String OUTCOME = "coalesce(r.outcome, f.outcome, 'OPEN')";

  private final JdbcTemplate jdbc;

  ReportFigures(AppSchema schema, JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  Tally byArea(LocalDate from, LocalDate to, String stationId) {
    return tally("coalesce(r.area_name, '-')", OUTCOME, OUTCOMES, from, to, stationId).sortedByTotal();
  }

  Tally bySource(LocalDate from, LocalDate to, String stationId) {
    return tally("r.source", OUTCOME, OUTCOMES, from, to, stationId).sortedByTotal();
  }

  /** Reports per day received, every day of the period present. */
  Tally byDay(LocalDate from, LocalDate to, String stationId) {
    Tally days = new Tally(SOURCES);
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.row(day.toString());
    }
    Tally counted = tally("to_char(r.received_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')", "r.source", SOURCES,
        from, to, stationId);
    counted.rows().forEach((day, values) -> {
      for (int i = 0; i < values.length; i++) {
        days.add(day, SOURCES.get(i), values[i]);
      }
    });
    return days;
  }

  private Tally tally(String rowExpression, String columnExpression, List<String> columns, LocalDate from,
      LocalDate to, String stationId) {
    Tally tally = new Tally(columns);
    String sql = "SELECT " + rowExpression + " AS row_key, " + columnExpression + " AS column_key, count(*) AS n FROM "
        + TABLE + " r LEFT JOIN " + TABLE + " f ON f.id = r.linked_to WHERE r.received_at >= ? AND r.received_at < ?"
        + (stationId == null ? "" : " AND r.station_id = ?") + " GROUP BY 1, 2 ORDER BY 1";
    Object[] arguments = stationId == null ? new Object[] {start(from), start(to.plusDays(1))}
        : new Object[] {start(from), start(to.plusDays(1)), stationId};
    jdbc.query(sql, row -> {
      String column = row.getString("column_key");
      if (columns.contains(column)) {
        tally.add(row.getString("row_key"), column, row.getLong("n"));
      }
    }, arguments);
    return tally;
  }

  private static Timestamp start(LocalDate day) {
    Instant instant = day.atStartOfDay(CHINA).toInstant();
    return Timestamp.from(instant);
  }
}

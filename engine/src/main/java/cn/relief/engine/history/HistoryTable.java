package cn.relief.engine.history;

import java.util.Collections;
import java.util.List;

/**
 * A history table as the projection writes it: its name and the columns of a row, the first being
 * the primary key (rows of one batch are kept by it). Compared by identity: one constant per table.
 */
final class HistoryTable {
  private final String name;
  private final List<String> columns;

  private HistoryTable(String name, List<String> columns) {
    this.name = name;
    this.columns = columns;
  }

  static HistoryTable of(String name, String... columns) {
    return new HistoryTable(name, List.of(columns));
  }

  String name() {
    return name;
  }

  /** The index of a column in a row. */
  int column(String column) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException(name + " has no column " + column);
    }
    return index;
  }

  String copySql() {
    return "COPY " + name + " (" + String.join(", ", columns) + ") FROM STDIN";
  }

  /** Skips rows already there: used for a batch whose COPY met one (see {@link HistoryBatch}). */
  String insertSql() {
    return "INSERT INTO " + name + " (" + String.join(", ", columns) + ") VALUES ("
        + String.join(", ", Collections.nCopies(columns.size(), "?")) + ") ON CONFLICT DO NOTHING";
  }
}

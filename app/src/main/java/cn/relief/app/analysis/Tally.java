package cn.relief.app.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts by a row key and a column key (area x outcome, day x source...), rows in the order first
 * seen unless sorted, columns fixed: what a stacked bar chart and a CSV table show.
 */
public final class Tally {
  private final List<String> columns;
  private final Map<String, long[]> rows = new LinkedHashMap<>();

  public Tally(List<String> columns) {
    this.columns = List.copyOf(columns);
  }

  public void add(String row, String column, long count) {
    int index = columns.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("Expected one of " + columns + ", but found column " + column);
    }
    rows.computeIfAbsent(row, r -> new long[columns.size()])[index] += count;
  }

  /** Makes sure the row exists (a day without reports is a bar of zero, not a gap). */
  public void row(String row) {
    rows.computeIfAbsent(row, r -> new long[columns.size()]);
  }

  public List<String> columns() {
    return columns;
  }

  public Map<String, long[]> rows() {
    return rows;
  }

  public long total() {
    long total = 0;
    for (long[] values : rows.values()) {
      for (long value : values) {
        total += value;
      }
    }
    return total;
  }

  /** Rows by their total, largest first. */
  public Tally sortedByTotal() {
    Tally sorted = new Tally(columns);
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(rows.entrySet());
    entries.sort((a, b) -> Long.compare(sum(b.getValue()), sum(a.getValue())));
    entries.forEach(entry -> sorted.rows.put(entry.getKey(), entry.getValue()));
    return sorted;
  }

  private static long sum(long[] values) {
    long sum = 0;
    for (long value : values) {
      sum += value;
    }
    return sum;
  }
}

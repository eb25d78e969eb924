package cn.relief.app.dashboard;

import java.util.ArrayList;
import java.util.List;

/**
 * A horizontal stacked bar chart, laid out here and drawn as SVG by the template
 * ({@code dashboard/chart.html}): no chart library, nothing computed in the browser. Horizontal
 * bars with the label above each keep long Chinese labels readable on a 390 px phone.
 */
public record StackedBarChart(String id, String title, List<Series> series, List<Bar> bars) {
  /** The SVG's own coordinate width; the SVG scales to the page's width. */
  public static final int WIDTH = 320;
  /** The longest bar, leaving room for the total after it. */
  static final int BAR_LENGTH = 270;
  static final int ROW_HEIGHT = 40;
  static final int BAR_THICKNESS = 14;

  /** One kind of value in the stack (a stage, a deadline status), with its colour's CSS class. */
  public record Series(String key, String label, String cssClass) {}

  /** A row's label and its values, one per series. */
  public record Row(String label, long... values) {}

  public record Segment(Series series, long value, double x, double width) {}

  public record Bar(String label, long total, double y, List<Segment> segments) {
    public double labelY() {
      return y + 13;
    }

    public double barY() {
      return y + 18;
    }

    public double totalX() {
      return segments.isEmpty() ? 4 : round(segments.get(segments.size() - 1).x() + segments.get(segments.size() - 1).width() + 4);
    }

    public double totalY() {
      return barY() + BAR_THICKNESS - 2;
    }
  }

  public StackedBarChart {
    series = List.copyOf(series);
    bars = List.copyOf(bars);
  }

  /** Lays out the rows: bars share one scale, the longest total fills the bar length. */
  public static StackedBarChart of(String id, String title, List<Series> series, List<Row> rows) {
    long max = 1;
    for (Row row : rows) {
      if (row.values().length != series.size()) {
        throw new IllegalArgumentException("Expected " + series.size() + " values in row '" + row.label()
            + "', but found " + row.values().length);
      }
      max = Math.max(max, total(row));
    }
    double scale = (double) BAR_LENGTH / max;
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      List<Segment> segments = new ArrayList<>();
      double x = 0;
      for (int s = 0; s < series.size(); s++) {
        long value = row.values()[s];
        if (value > 0) {
          double width = round(value * scale);
          segments.add(new Segment(series.get(s), value, round(x), width));
          x += width;
        }
      }
      bars.add(new Bar(row.label(), total(row), i * ROW_HEIGHT, segments));
    }
    return new StackedBarChart(id, title, series, bars);
  }

  public int height() {
    return Math.max(ROW_HEIGHT, bars.size() * ROW_HEIGHT);
  }

  public int width() {
    return WIDTH;
  }

  public int barThickness() {
    return BAR_THICKNESS;
  }

  public long total() {
    return bars.stream().mapToLong(Bar::total).sum();
  }

  /** The value of a series in a bar, for the table under the chart. */
  public long value(Bar bar, Series wanted) {
    return bar.segments().stream().filter(segment -> segment.series().equals(wanted)).mapToLong(Segment::value).sum();
  }

  /** Whether the legend is worth showing: a single series is named by the chart's title. */
  public boolean stacked() {
    return series.size() > 1;
  }

  private static long total(Row row) {
    long sum = 0;
    for (long value : row.values()) {
      sum += value;
    }
    return sum;
  }

  private static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }
}

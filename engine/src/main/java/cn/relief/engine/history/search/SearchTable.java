package cn.relief.engine.history.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be searched in one history table: the filters and sort fields the REST v2 API names,
 * mapped to columns or SQL expressions, plus filters on related rows of other tables and filters
 * that write their own SQL (variables, tags).
 *
 * <p>A "column" may be any SQL expression over the table's row: {@code (open_incidents > 0)} for a
 * flag, or a constant such as {@code 'BPMN_ELEMENT'} for a field every row of this engine has with
 * the same value. Filters and sorts on such fields then behave exactly as on a stored column.
 *
 * @param keyColumn the unique key, the last sort criterion so that every order is total
 * @param guard which rows a caller may read, or null when the gateway's check is enough
 */
public record SearchTable(
    String table,
    String keyColumn,
    String keyField,
    Map<String, Column> filters,
    Map<String, String> sortColumns,
    Map<String, Related> related,
    Map<String, CustomFilter> customFilters,
    ReadGuard guard) {

  /** A column (or expression) with its type. */
  public record Column(String column, FieldType type) {}

  /**
   * Rows of another table that belong to a row of this one: {@code link} is the column both tables
   * share, {@code condition} what every related row considered must meet.
   */
  public record Rows(String table, String link, String condition) {}

  /**
   * A filter on a column of related rows. All filters naming the same {@link Rows} must be met by
   * one related row together: "element 'review' is ACTIVE" is about one element instance, not about
   * some element 'review' and some other active element.
   */
  public record Related(Rows rows, String column, FieldType type) {}

  /** A filter that writes its own SQL condition from the JSON value. */
  @FunctionalInterface
  public interface CustomFilter {
    void apply(Object value, SqlConditions conditions);
  }

  public static Builder of(String table, String keyColumn, String keyField) {
    return new Builder(table, keyColumn, keyField);
  }

  /** Collects the fields of a table. */
  public static final class Builder {
    private final String table;
    private final String keyColumn;
    private final String keyField;
    private final Map<String, Column> filters = new LinkedHashMap<>();
    private final Map<String, String> sorts = new LinkedHashMap<>();
    private final Map<String, Related> related = new LinkedHashMap<>();
    private final Map<String, CustomFilter> custom = new LinkedHashMap<>();
    private ReadGuard guard;

    private Builder(String table, String keyColumn, String keyField) {
      this.table = table;
      this.keyColumn = keyColumn;
      this.keyField = keyField;
      field(keyField, keyColumn, keyColumn.endsWith("_id") ? FieldType.STRING : FieldType.KEY);
    }

    /** A field that can be filtered and sorted by. */
    public Builder field(String json, String column, FieldType type) {
      filters.put(json, new Column(column, type));
      sorts.put(json, column);
      return this;
    }

    public Builder filterOnly(String json, String column, FieldType type) {
      filters.put(json, new Column(column, type));
      return this;
    }

    public Builder sortOnly(String json, String column) {
      sorts.put(json, column);
      return this;
    }

    /** A filter on {@code column} of the related {@code rows}. */
    public Builder related(String json, Rows rows, String column, FieldType type) {
      related.put(json, new Related(rows, column, type));
      return this;
    }

    public Builder custom(String json, CustomFilter filter) {
      custom.put(json, filter);
      return this;
    }

    /** Rows are readable to those holding {@code permissionType} for the resource id in {@code column}. */
    public Builder readableWith(String resourceType, String permissionType, String column) {
      this.guard = new ReadGuard(resourceType, permissionType, column);
      return this;
    }

    public SearchTable build() {
      return new SearchTable(table, keyColumn, keyField, Map.copyOf(filters), Map.copyOf(sorts),
          Map.copyOf(related), Map.copyOf(custom), guard);
    }
  }

  List<String> knownFilters() {
    List<String> names = new java.util.ArrayList<>(filters.keySet());
    names.addAll(related.keySet());
    names.addAll(customFilters.keySet());
    names.sort(String::compareTo);
    return names;
  }
}

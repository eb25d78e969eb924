package cn.relief.engine.history.search;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What can be searched in one history table: the filters and sort fields the REST v2 API names,
 * mapped to columns, plus filters that need more than one column (variables, "has incident").
 *
 * @param keyColumn the unique key, the last sort criterion so that every order is total
 */
public record SearchTable(
    String table,
    String keyColumn,
    String keyField,
    Map<String, Column> filters,
    Map<String, String> sortColumns,
    Map<String, CustomFilter> customFilters) {

  /** A column with its type. */
  public record Column(String column, FieldType type) {}

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
    private final Map<String, CustomFilter> custom = new LinkedHashMap<>();

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

    public Builder custom(String json, CustomFilter filter) {
      custom.put(json, filter);
      return this;
    }

    public SearchTable build() {
      return new SearchTable(table, keyColumn, keyField, Map.copyOf(filters), Map.copyOf(sorts), Map.copyOf(custom));
    }
  }

  List<String> knownFilters() {
    List<String> names = new java.util.ArrayList<>(filters.keySet());
    names.addAll(customFilters.keySet());
    names.sort(String::compareTo);
    return names;
  }
}

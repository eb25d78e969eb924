package cn.relief.engine.history.search;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Runs a REST v2 search request (filter, sort, page) against a history table: filters become SQL
 * conditions, the sort ends with the unique key so that pages never overlap, and paging works by
 * offset ({@code from}) or by cursor ({@code after}/{@code before}, opaque strings encoding the
 * sort values of the row at the page's edge).
 */
public final class SqlSearch {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 10_000;
  /** Totals are counted up to here, as Camunda's search does; beyond it hasMoreTotalItems is true. */
  static final int MAX_TOTAL = 10_000;

  /**
   * One page of rows (column name → value) with the total (counted up to {@link #MAX_TOTAL}, then
   * {@code moreTotal}) and the cursors of its first and last row.
   */
  public record Page(List<Map<String, Object>> rows, long total, boolean moreTotal, String startCursor,
      String endCursor) {}

  private record Order(String column, boolean descending) {}

  private final DataSource dataSource;
  private final ObjectMapper json;
  private final ReadAccess access;

  public SqlSearch(DataSource dataSource, ObjectMapper json) {
    this(dataSource, json, ReadAccess.ALL);
  }

  public SqlSearch(DataSource dataSource, ObjectMapper json, ReadAccess access) {
    this.dataSource = dataSource;
    this.json = json;
    this.access = access;
  }

  /**
   * Searches with a request already read as maps and lists (the JSON body); only the rows the
   * caller may read are found.
   */
  public Page search(SearchTable table, Map<String, Object> request, SqlConditions extra) {
    SqlConditions where = extra == null ? new SqlConditions() : extra;
    readable(table, where);
    return searchAll(table, request, where);
  }

  /**
   * Searches rows another rule already let the caller see: a user task's variables, readable to
   * its assignee and candidates without a permission on the whole process.
   */
  public Page searchWithoutGuard(SearchTable table, Map<String, Object> request, SqlConditions where) {
    return searchAll(table, request, where);
  }

  /** Adds to {@code where} the condition that limits a table's rows to those the caller may read. */
  public void readable(SearchTable table, SqlConditions where) {
    ReadGuard guard = table.guard();
    if (guard == null) {
      return;
    }
    access.permittedIds(guard.resourceType(), guard.permissionType()).ifPresent(ids -> {
      if (ids.isEmpty()) {
        where.add("FALSE");
      } else {
        where.add(guard.column() + " IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")",
            ids.toArray());
      }
    });
  }

  @SuppressWarnings("unchecked")
  private Page searchAll(SearchTable table, Map<String, Object> request, SqlConditions where) {
    Map<String, Object> body = request == null ? Map.of() : request;
    Object filter = body.get("filter");
    if (filter != null) {
      if (!(filter instanceof Map<?, ?> map)) {
        throw new SearchQueryException("Expected 'filter' to be an object, but found '" + filter + "'");
      }
      applyFilter(table, (Map<String, Object>) map, where);
    }
    List<Order> orders = orders(table, body.get("sort"));
    Map<String, Object> page = body.get("page") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    int limit = intValue(page.get("limit"), DEFAULT_LIMIT, "page.limit");
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new SearchQueryException("Expected page.limit between 1 and " + MAX_LIMIT + ", but found " + limit);
    }
    int from = intValue(page.get("from"), 0, "page.from");
    if (from < 0) {
      throw new SearchQueryException("Expected page.from to be 0 or more, but found " + from);
    }
    String after = page.get("after") == null ? null : String.valueOf(page.get("after"));
    String before = page.get("before") == null ? null : String.valueOf(page.get("before"));
    if (after != null && before != null) {
      throw new SearchQueryException("Expected at most one of page.after and page.before, but found both");
    }
    try (Connection connection = dataSource.getConnection()) {
      long total = count(connection, table, where);
      SqlConditions paged = copy(where);
      boolean backwards = before != null;
      List<Order> effective = backwards ? reversed(orders) : orders;
      if (after != null || before != null) {
        cursorCondition(paged, effective, decode(backwards ? before : after, orders.size()));
      }
      List<Map<String, Object>> rows = select(connection, table, paged, effective, limit, after == null && before == null ? from : 0);
      if (backwards) {
        Collections.reverse(rows);
      }
      String start = rows.isEmpty() ? null : encode(rows.get(0), orders);
      String end = rows.isEmpty() ? null : encode(rows.get(rows.size() - 1), orders);
      return new Page(rows, Math.min(total, MAX_TOTAL), total > MAX_TOTAL, start, end);
    } catch (SQLException e) {
      throw new IllegalStateException("Could not search " + table.table(), e);
    }
  }

  /** The one row with this key (given as text, as in a REST path), or a 404 naming what was sought. */
  public Map<String, Object> byKey(SearchTable table, String key, String what) {
    Object parsed = table.filters().get(table.keyField()).type().parse(table.keyField(), key);
    List<Map<String, Object>> rows =
        searchAll(table, Map.of("filter", Map.of(table.keyField(), String.valueOf(parsed))), new SqlConditions()).rows();
    if (rows.isEmpty()) {
      throw new NotFoundInHistoryException(
          "Expected to find a " + what + " with key '" + parsed + "', but none was found");
    }
    ReadGuard guard = table.guard();
    Object id = guard == null ? null : rows.get(0).get(guard.column());
    if (guard != null && access.permittedIds(guard.resourceType(), guard.permissionType())
        .map(ids -> !ids.contains(String.valueOf(id))).orElse(false)) {
      throw new ForbiddenInHistoryException("Expected to hold permission '" + guard.permissionType()
          + "' on resource '" + guard.resourceType() + "' with id '" + id + "' to read " + what + " '" + parsed
          + "', but the caller holds no authorization for it (insufficient permissions)");
    }
    return rows.get(0);
  }

  /** The conditions a filter object asks of a table (for sub-queries such as statistics). */
  @SuppressWarnings("unchecked")
  public SqlConditions conditions(SearchTable table, Object filter) {
    SqlConditions where = new SqlConditions();
    if (filter instanceof Map<?, ?> map) {
      applyFilter(table, (Map<String, Object>) map, where);
    } else if (filter != null) {
      throw new SearchQueryException("Expected 'filter' to be an object, but found '" + filter + "'");
    }
    return where;
  }

  /** Rows of an aggregate query: {@code select} is followed by WHERE and the conditions (with GROUP BY). */
  public List<Map<String, Object>> aggregate(String select, SqlConditions where, String orderBy) {
    String sql = select + " WHERE " + where.joined(" AND ") + " ORDER BY " + orderBy;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, where.parameters())) {
      try (ResultSet rows = statement.executeQuery()) {
        return read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not run " + select, e);
    }
  }

  /** All rows of a table matching the conditions, in the given order (small result sets only). */
  public List<Map<String, Object>> rows(String table, SqlConditions where, String orderBy) {
    String sql = "SELECT * FROM " + table + (where.isEmpty() ? "" : " WHERE " + where.joined(" AND "))
        + " ORDER BY " + orderBy;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, where.parameters())) {
      try (ResultSet rows = statement.executeQuery()) {
        return read(rows);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read " + table, e);
    }
  }

  private static List<Map<String, Object>> read(ResultSet rows) throws SQLException {
    List<Map<String, Object>> result = new ArrayList<>();
    ResultSetMetaData meta = rows.getMetaData();
    while (rows.next()) {
      Map<String, Object> row = new LinkedHashMap<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        row.put(meta.getColumnLabel(i), rows.getObject(i));
      }
      result.add(row);
    }
    return result;
  }

  @SuppressWarnings("unchecked")
  private void applyFilter(SearchTable table, Map<String, Object> filter, SqlConditions where) {
    Map<SearchTable.Rows, SqlConditions> related = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : filter.entrySet()) {
      String field = entry.getKey();
      Object value = entry.getValue();
      if (value == null) {
        continue;
      }
      if ("$or".equals(field)) {
        if (!(value instanceof List<?> alternatives)) {
          throw new SearchQueryException("Expected '$or' to be a list of filters, but found '" + value + "'");
        }
        List<String> ors = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (Object alternative : alternatives) {
          SqlConditions branch = new SqlConditions();
          applyFilter(table, (Map<String, Object>) alternative, branch);
          ors.add(branch.isEmpty() ? "TRUE" : "(" + branch.joined(" AND ") + ")");
          parameters.addAll(branch.parameters());
        }
        if (!ors.isEmpty()) {
          where.add("(" + String.join(" OR ", ors) + ")", parameters.toArray());
        }
        continue;
      }
      SearchTable.Column column = table.filters().get(field);
      SearchTable.Related relatedFilter = table.related().get(field);
      if (column != null) {
        where.filter(field, column.column(), column.type(), value);
      } else if (relatedFilter != null) {
        related.computeIfAbsent(relatedFilter.rows(), rows -> new SqlConditions())
            .filter(field, relatedFilter.column(), relatedFilter.type(), value);
      } else if (table.customFilters().containsKey(field)) {
        table.customFilters().get(field).apply(value, where);
      } else {
        throw new SearchQueryException("Expected a filter on one of " + table.knownFilters() + ", but found '"
            + field + "'");
      }
    }
    // one related row must meet all filters on the same rows (uncorrelated IN: the planner may start there)
    related.forEach((rows, conditions) -> {
      if (!conditions.isEmpty()) {
        where.add(rows.link() + " IN (SELECT " + rows.link() + " FROM " + rows.table() + " WHERE " + rows.condition()
            + " AND " + conditions.joined(" AND ") + ")", conditions.parameters().toArray());
      }
    });
  }

  private static List<Order> orders(SearchTable table, Object sort) {
    List<Order> orders = new ArrayList<>();
    if (sort instanceof List<?> list) {
      for (Object item : list) {
        if (!(item instanceof Map<?, ?> entry) || entry.get("field") == null) {
          throw new SearchQueryException("Expected each sort entry to name a field, but found '" + item + "'");
        }
        String field = String.valueOf(entry.get("field"));
        String column = table.sortColumns().get(field);
        if (column == null) {
          throw new SearchQueryException("Expected a sort field of " + table.sortColumns().keySet().stream().sorted()
              .toList() + ", but found '" + field + "'");
        }
        orders.add(new Order(column, "DESC".equalsIgnoreCase(String.valueOf(entry.get("order")))));
      }
    } else if (sort != null) {
      throw new SearchQueryException("Expected 'sort' to be a list, but found '" + sort + "'");
    }
    orders.add(new Order(table.keyColumn(), false)); // a total order: pages never overlap or skip
    return orders;
  }

  private static List<Order> reversed(List<Order> orders) {
    return orders.stream().map(o -> new Order(o.column(), !o.descending())).toList();
  }

  /**
   * Rows strictly beyond the cursor in the given order. NULL sorts as the greatest value (as
   * PostgreSQL does by default), in both directions.
   */
  private static void cursorCondition(SqlConditions where, List<Order> orders, List<Object> values) {
    List<String> alternatives = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      List<String> parts = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        // rows tied with the cursor on the earlier sort values; a NULL ties with NULL only
        if (values.get(j) == null) {
          parts.add(orders.get(j).column() + " IS NULL");
        } else {
          parts.add(orders.get(j).column() + " = ?");
          parameters.add(values.get(j));
        }
      }
      Order order = orders.get(i);
      Object value = values.get(i);
      String column = order.column();
      if (value == null) {
        if (!order.descending()) {
          parts.add("FALSE"); // nothing lies beyond the greatest value
        } else {
          parts.add(column + " IS NOT NULL");
        }
      } else if (!order.descending()) {
        parts.add("(" + column + " > ? OR " + column + " IS NULL)");
        parameters.add(value);
      } else {
        parts.add(column + " < ?");
        parameters.add(value);
      }
      alternatives.add("(" + String.join(" AND ", parts) + ")");
    }
    where.add("(" + String.join(" OR ", alternatives) + ")", parameters.toArray());
  }

  private static long count(Connection connection, SearchTable table, SqlConditions where) throws SQLException {
    // counting stops after MAX_TOTAL + 1 rows: a search matching millions of rows stays fast
    String sql = "SELECT count(*) FROM (SELECT 1 FROM " + table.table()
        + (where.isEmpty() ? "" : " WHERE " + where.joined(" AND ")) + " LIMIT " + (MAX_TOTAL + 1) + ") counted";
    try (PreparedStatement statement = prepare(connection, sql, where.parameters())) {
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static List<Map<String, Object>> select(Connection connection, SearchTable table, SqlConditions where,
      List<Order> orders, int limit, int offset) throws SQLException {
    // each sort value is selected under its own name: a sort on an expression or a constant has no
    // column of its own in SELECT *, yet the page's cursors must carry its value
    StringBuilder sql = new StringBuilder("SELECT *");
    for (int i = 0; i < orders.size(); i++) {
      sql.append(", ").append(orders.get(i).column()).append(" AS ").append(sortAlias(i));
    }
    sql.append(" FROM ").append(table.table());
    if (!where.isEmpty()) {
      sql.append(" WHERE ").append(where.joined(" AND "));
    }
    sql.append(" ORDER BY ");
    for (int i = 0; i < orders.size(); i++) {
      Order order = orders.get(i);
      sql.append(i == 0 ? "" : ", ").append(sortAlias(i))
          .append(order.descending() ? " DESC NULLS FIRST" : " ASC NULLS LAST");
    }
    sql.append(" LIMIT ").append(limit).append(" OFFSET ").append(offset);
    try (PreparedStatement statement = prepare(connection, sql.toString(), where.parameters())) {
      try (ResultSet rows = statement.executeQuery()) {
        return read(rows);
      }
    }
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> parameters)
      throws SQLException {
    for (Object parameter : parameters) {
      // PostgreSQL refuses NUL in text with an error (a 500, found by RequestShapesIT); stored text
      // never holds one, so such a filter is the caller's mistake
      if (parameter instanceof String text && text.indexOf('\u0000') >= 0) {
        throw new SearchQueryException("Expected filter values without the NUL character, but '"
            + text.replace("\u0000", "\\u0000") + "' contains one");
      }
    }
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < parameters.size(); i++) {
      statement.setObject(i + 1, parameters.get(i));
    }
    return statement;
  }

  private static SqlConditions copy(SqlConditions where) {
    SqlConditions copy = new SqlConditions();
    if (!where.isEmpty()) {
      copy.add(where.joined(" AND "), where.parameters().toArray());
    }
    return copy;
  }

  private static int intValue(Object value, int fallback, String name) {
    if (value == null) {
      return fallback;
    }
    try {
      return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    } catch (NumberFormatException e) {
      throw new SearchQueryException("Expected " + name + " to be a number, but found '" + value + "'");
    }
  }

  // ---- cursors: the row's sort values, typed, as base64 JSON -------------------------------------

  private static String sortAlias(int index) {
    return "sort_value_" + index;
  }

  private String encode(Map<String, Object> row, List<Order> orders) {
    List<List<Object>> values = new ArrayList<>();
    for (int i = 0; i < orders.size(); i++) {
      Object value = row.get(sortAlias(i));
      if (value == null) {
        values.add(null);
      } else if (value instanceof Timestamp timestamp) {
        values.add(List.of("t", timestamp.getTime(), timestamp.getNanos()));
      } else if (value instanceof Number number) {
        values.add(List.of(value instanceof Long || value instanceof Integer ? "l" : "d", number));
      } else if (value instanceof Boolean bool) {
        values.add(List.of("b", bool));
      } else {
        values.add(List.of("s", String.valueOf(value)));
      }
    }
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(json.writeValueAsBytes(values));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private List<Object> decode(String cursor, int expected) {
    List<List<Object>> values;
    try {
      values = json.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)),
          new TypeReference<>() {});
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new SearchQueryException("Expected a cursor from an earlier page of this search, but found '" + cursor + "'");
    }
    if (values == null || values.size() != expected) {
      throw new SearchQueryException("Expected a cursor from an earlier page of this search (same sort), but the "
          + "cursor does not match the sort");
    }
    List<Object> decoded = new ArrayList<>();
    for (List<Object> value : values) {
      if (value == null) {
        decoded.add(null);
        continue;
      }
      String type = String.valueOf(value.get(0));
      Object raw = value.get(1);
      decoded.add(switch (type) {
        case "t" -> {
          Timestamp timestamp = new Timestamp(((Number) raw).longValue());
          timestamp.setNanos(((Number) value.get(2)).intValue());
          yield timestamp;
        }
        case "l" -> ((Number) raw).longValue();
        case "d" -> ((Number) raw).doubleValue();
        case "b" -> raw;
        default -> String.valueOf(raw);
      });
    }
    return decoded;
  }
}

package cn.relief.engine.history.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The WHERE clause of a search being built, with its parameters. Understands the REST v2 filter
 * forms: a plain value (equals) or an object of operators {@code $eq $neq $exists $in $notIn $like
 * $gt $gte $lt $lte}.
 */
public final class SqlConditions {
  private final List<String> conditions = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();

  /** Adds a raw condition with its parameters. */
  public void add(String condition, Object... values) {
    conditions.add(condition);
    parameters.addAll(List.of(values));
  }

  /** Adds the conditions a filter value asks of {@code column}. */
  public void filter(String field, String column, FieldType type, Object value) {
    if (!(value instanceof Map<?, ?> operators)) {
      add(column + " = ?", type.parse(field, value));
      return;
    }
    for (Map.Entry<?, ?> entry : operators.entrySet()) {
      String operator = String.valueOf(entry.getKey());
      Object operand = entry.getValue();
      if (operand == null) {
        continue;
      }
      switch (operator) {
        case "$eq" -> add(column + " = ?", type.parse(field, operand));
        case "$neq" -> add("(" + column + " IS NULL OR " + column + " <> ?)", type.parse(field, operand));
        case "$exists" -> add(column + (Boolean.TRUE.equals(operand) ? " IS NOT NULL" : " IS NULL"));
        case "$gt" -> add(column + " > ?", type.parse(field, operand));
        case "$gte" -> add(column + " >= ?", type.parse(field, operand));
        case "$lt" -> add(column + " < ?", type.parse(field, operand));
        case "$lte" -> add(column + " <= ?", type.parse(field, operand));
        case "$in", "$notIn" -> {
          List<Object> values = list(field, type, operand);
          // the client sends empty lists for operators it does not use: an empty list is no condition
          if (!values.isEmpty()) {
            String marks = String.join(", ", java.util.Collections.nCopies(values.size(), "?"));
            add(("$in".equals(operator) ? column + " IN (" : "(" + column + " IS NULL OR " + column + " NOT IN (")
                + marks + ("$in".equals(operator) ? ")" : "))"), values.toArray());
          }
        }
        case "$like" -> add(column + " LIKE ? ESCAPE '\\'", like(String.valueOf(operand)));
        default -> throw new SearchQueryException("Expected the filter '" + field
            + "' to use $eq, $neq, $exists, $in, $notIn, $like, $gt, $gte, $lt or $lte, but found '" + operator + "'");
      }
    }
  }

  private static List<Object> list(String field, FieldType type, Object operand) {
    if (!(operand instanceof Collection<?> items)) {
      throw new SearchQueryException("Expected the filter '" + field + "' to give a list, but found '" + operand + "'");
    }
    List<Object> values = new ArrayList<>();
    for (Object item : items) {
      values.add(type.parse(field, item));
    }
    return values;
  }

  /** The API's wildcards ({@code *} any text, {@code ?} one character) as SQL LIKE. */
  public static String like(String pattern) {
    StringBuilder sql = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> sql.append('%');
        case '?' -> sql.append('_');
        case '%', '_', '\\' -> sql.append('\\').append(c);
        default -> sql.append(c);
      }
    }
    return sql.toString();
  }

  public boolean isEmpty() {
    return conditions.isEmpty();
  }

  public String joined(String separator) {
    return String.join(separator, conditions);
  }

  public List<Object> parameters() {
    return parameters;
  }
}

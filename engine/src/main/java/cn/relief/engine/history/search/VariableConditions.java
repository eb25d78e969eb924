package cn.relief.engine.history.search;

import java.util.List;
import java.util.Map;

/**
 * The {@code variables} filter of process instance searches: instances holding variables of given
 * names whose values match.
 */
final class VariableConditions {
  private VariableConditions() {}

  /**
   * A variable value condition. Values are stored as JSON; callers send either JSON ({@code "\"north\""},
   * {@code 5}) or, as the Java client does for a map of values, the plain text ({@code north}): both
   * forms are accepted.
   */
  private static void value(Object value, SqlConditions where) {
    Map<?, ?> operators = value instanceof Map<?, ?> map ? map : Map.of("$eq", value);
    for (Map.Entry<?, ?> entry : operators.entrySet()) {
      Object operand = entry.getValue();
      if (operand == null || operand instanceof List<?> list && list.isEmpty()) {
        continue;
      }
      String operator = String.valueOf(entry.getKey());
      List<Object> forms = new java.util.ArrayList<>();
      for (Object item : operand instanceof List<?> list ? list : List.of(operand)) {
        String text = String.valueOf(item);
        forms.add(text);
        forms.add(quoted(text));
      }
      String marks = String.join(", ", java.util.Collections.nCopies(forms.size(), "?"));
      switch (operator) {
        case "$eq", "$in" -> {
          // md5 first: it can use the (name, md5(value)) index; the values themselves may be too long to index
          List<Object> parameters = new java.util.ArrayList<>(forms);
          parameters.addAll(forms);
          String md5Marks = String.join(", ", java.util.Collections.nCopies(forms.size(), "md5(?)"));
          where.add("md5(v.value) IN (" + md5Marks + ") AND v.value IN (" + marks + ")", parameters.toArray());
        }
        case "$neq", "$notIn" -> where.add("v.value NOT IN (" + marks + ")", forms.toArray());
        case "$exists" -> where.add(Boolean.parseBoolean(String.valueOf(operand)) ? "TRUE" : "FALSE");
        case "$like" -> where.add("(v.value LIKE ? ESCAPE '\\' OR v.value LIKE ? ESCAPE '\\')",
            SqlConditions.like(String.valueOf(operand)), "\"" + SqlConditions.like(String.valueOf(operand)) + "\"");
        default -> throw new SearchQueryException("Expected a variable value filter with $eq, $neq, $in, $notIn, "
            + "$like or $exists, but found '" + operator + "'");
      }
    }
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /**
   * {@code variables: [{name, value}]}: instances that hold a variable of that name whose JSON value
   * matches (a plain value or operators, compared as JSON text, as the API defines).
   */
  static void apply(Object value, SqlConditions where) {
    apply(value, where, "process_instance_key", "v.process_instance_key");
  }

  /**
   * The same filter on other rows: those whose {@code keyColumn} is the {@code variableColumn} of a
   * matching variable (a user task's local variables are those of its element instance scope).
   */
  static SearchTable.CustomFilter on(String keyColumn, String variableColumn) {
    return (value, where) -> apply(value, where, keyColumn, variableColumn);
  }

  private static void apply(Object value, SqlConditions where, String keyColumn, String variableColumn) {
    if (!(value instanceof List<?> list)) {
      throw new SearchQueryException("Expected 'variables' to be a list of {name, value}, but found '" + value + "'");
    }
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> variable) || variable.get("name") == null) {
        throw new SearchQueryException("Expected each variable filter to have a name, but found '" + item + "'");
      }
      SqlConditions inner = new SqlConditions();
      inner.add("v.name = ?", String.valueOf(variable.get("name")));
      if (variable.get("value") != null) {
        value(variable.get("value"), inner);
      }
      // uncorrelated: the (name, md5(value)) index finds the few matching variables first
      where.add(keyColumn + " IN (SELECT " + variableColumn + " FROM history_variable v WHERE "
          + inner.joined(" AND ") + ")", inner.parameters().toArray());
    }
  }
}

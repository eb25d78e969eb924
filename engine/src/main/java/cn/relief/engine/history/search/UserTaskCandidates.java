package cn.relief.engine.history.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Filters on a task's candidate users or groups, kept as a JSON array of texts: "the task has this
 * candidate" ($eq or a plain value), one of these ($in), or not this one ($neq).
 */
final class UserTaskCandidates {
  private UserTaskCandidates() {}

  static SearchTable.CustomFilter filter(String field, String column) {
    String has = "jsonb_exists(" + column + "::jsonb, ?)";
    return (value, where) -> {
      if (!(value instanceof Map<?, ?> operators)) {
        where.add(has, text(field, value));
        return;
      }
      for (Map.Entry<?, ?> entry : operators.entrySet()) {
        Object operand = entry.getValue();
        if (operand == null) {
          continue;
        }
        switch (String.valueOf(entry.getKey())) {
          case "$eq" -> where.add(has, text(field, operand));
          case "$neq" -> where.add("NOT " + has, text(field, operand));
          case "$in" -> {
            List<String> names = texts(field, operand);
            // the client sends empty lists for operators it does not use: no condition then
            if (!names.isEmpty()) {
              where.add("(" + String.join(" OR ", java.util.Collections.nCopies(names.size(), has)) + ")",
                  names.toArray());
            }
          }
          default -> throw new SearchQueryException("Expected the filter '" + field
              + "' to use $eq, $neq or $in, but found '" + entry.getKey() + "'");
        }
      }
    };
  }

  private static String text(String field, Object value) {
    if (value instanceof String text) {
      return text;
    }
    throw new SearchQueryException("Expected the filter '" + field + "' to be a text, but found '" + value + "'");
  }

  private static List<String> texts(String field, Object value) {
    if (!(value instanceof Collection<?> items)) {
      throw new SearchQueryException("Expected the filter '" + field + "' $in to be a list, but found '" + value + "'");
    }
    return items.stream().map(item -> text(field, item)).toList();
  }
}

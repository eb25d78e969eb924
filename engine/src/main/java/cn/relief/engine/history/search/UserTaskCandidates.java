package cn.relief.engine.history.search;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Filters on a task's candidate users or groups, kept as a JSON array of texts: "the task has this
 * candidate" ($eq or a plain value), one of these ($in), not this one or none of these ($neq,
 * $notIn), any candidate at all ($exists), one matching a pattern ($like).
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
          case "$in", "$notIn" -> {
            List<String> names = texts(field, operand);
            // the client sends empty lists for operators it does not use: no condition then
            if (!names.isEmpty()) {
              where.add(("$in".equals(entry.getKey()) ? "(" : "NOT (")
                  + String.join(" OR ", java.util.Collections.nCopies(names.size(), has)) + ")", names.toArray());
            }
          }
          case "$exists" -> where.add("jsonb_array_length(" + column + "::jsonb) "
              + (Boolean.TRUE.equals(operand) ? "> 0" : "= 0"));
          case "$like" -> where.add("EXISTS (SELECT 1 FROM jsonb_array_elements_text(" + column
              + "::jsonb) candidate WHERE candidate LIKE ? ESCAPE '\\')", SqlConditions.like(text(field, operand)));
          default -> throw new SearchQueryException("Expected the filter '" + field
              + "' to use $eq, $neq, $in, $notIn, $exists or $like, but found '" + entry.getKey() + "'");
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

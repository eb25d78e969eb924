package cn.relief.engine.gateway.rest;

import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Searches of users, groups, roles and authorizations. They are few and live in the engine's
 * memory, so they are filtered, sorted and paged here rather than in SQL. Filters take a value
 * or an operator object ({@code $eq}, {@code $neq}, {@code $in}, {@code $like} with {@code *}
 * and {@code ?}) per field, as the client sends them; paging is by {@code from} and {@code limit}.
 */
final class IdentitySearch<T> {
  private static final int DEFAULT_LIMIT = 100;

  record Page<T>(List<T> items, SearchQueryPageResponse page) {}

  private final String idField;
  private final Map<String, Function<T, Object>> fields;

  /** {@code fields}: the filterable and sortable fields of an item by their API names; {@code idField} orders ties. */
  IdentitySearch(String idField, Map<String, Function<T, Object>> fields) {
    this.idField = idField;
    this.fields = fields;
  }

  /** A search of plain ids (the members of a group or role), by the field name the API gives them. */
  static IdentitySearch<String> ofIds(String field) {
    return new IdentitySearch<>(field, Map.of(field, id -> id));
  }

  @SuppressWarnings("unchecked")
  Page<T> search(Collection<T> items, Map<String, Object> body) {
    Map<String, Object> query = body == null ? Map.of() : body;
    Map<String, Object> filter = query.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
    List<T> matching = new ArrayList<>();
    for (T item : items) {
      if (filter.entrySet().stream().allMatch(condition -> matches(item, condition.getKey(), condition.getValue()))) {
        matching.add(item);
      }
    }
    matching.sort(order(query.get("sort")));
    Map<String, Object> page = query.get("page") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    int from = page.get("from") instanceof Number n ? n.intValue() : 0;
    int limit = page.get("limit") instanceof Number n ? n.intValue() : DEFAULT_LIMIT;
    if (from < 0 || limit < 0) {
      throw RestRequestException.invalid("Expected non-negative page.from and page.limit, but found " + from + " and " + limit);
    }
    List<T> selected = matching.stream().skip(from).limit(limit).toList();
    return new Page<>(selected, new SearchQueryPageResponse().totalItems((long) matching.size()).hasMoreTotalItems(false));
  }

  private Function<T, Object> field(String name) {
    Function<T, Object> field = fields.get(name);
    if (field == null) {
      throw RestRequestException.invalid("Expected a field of " + fields.keySet() + ", but found '" + name + "'");
    }
    return field;
  }

  private boolean matches(T item, String name, Object condition) {
    if (condition == null) {
      return true;
    }
    Object value = field(name).apply(item);
    String text = value == null ? null : String.valueOf(value);
    if (condition instanceof Collection<?> options) { // e.g. resourceIds: any of them
      return options.isEmpty() || options.stream().map(String::valueOf).toList().contains(text);
    }
    if (!(condition instanceof Map<?, ?> operators)) {
      return Objects.equals(text, String.valueOf(condition));
    }
    for (Map.Entry<?, ?> operator : operators.entrySet()) {
      Object operand = operator.getValue();
      if (operand == null || operand instanceof Collection<?> options && options.isEmpty()) {
        continue; // the client sends every operator of its filter property, unused ones as null or []
      }
      boolean holds = switch (String.valueOf(operator.getKey())) {
        case "$eq" -> Objects.equals(text, String.valueOf(operand));
        case "$neq" -> !Objects.equals(text, String.valueOf(operand));
        case "$exists" -> (text != null) == Boolean.TRUE.equals(operand);
        case "$in" -> operand instanceof Collection<?> options && options.stream().map(String::valueOf).toList().contains(text);
        case "$notIn" -> !(operand instanceof Collection<?> options && options.stream().map(String::valueOf).toList().contains(text));
        case "$like" -> text != null && like(String.valueOf(operand)).matcher(text).matches();
        default -> throw RestRequestException.invalid("Expected a filter operator of $eq, $neq, $exists, $in, $notIn or "
            + "$like for '" + name + "', but found '" + operator.getKey() + "'");
      };
      if (!holds) {
        return false;
      }
    }
    return true;
  }

  private static Pattern like(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      regex.append(switch (c) {
        case '*' -> ".*";
        case '?' -> ".";
        default -> Pattern.quote(String.valueOf(c));
      });
    }
    return Pattern.compile(regex.toString());
  }

  private Comparator<T> order(Object sort) {
    Comparator<T> order = (a, b) -> 0;
    if (sort instanceof List<?> criteria) {
      for (Object criterion : criteria) {
        if (criterion instanceof Map<?, ?> by && by.get("field") != null) {
          Function<T, Object> field = field(String.valueOf(by.get("field")));
          Comparator<T> next = Comparator.comparing(item -> String.valueOf(field.apply(item)));
          order = order.thenComparing("DESC".equalsIgnoreCase(String.valueOf(by.get("order"))) ? next.reversed() : next);
        }
      }
    }
    // then by the first field (the id), so that pages are stable
    Function<T, Object> id = field(idField);
    return order.thenComparing(item -> String.valueOf(id.apply(item)));
  }
}

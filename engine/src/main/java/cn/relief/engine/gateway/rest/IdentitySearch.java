package cn.relief.engine.gateway.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Searches of users, groups, roles and authorizations. They are few and live in the engine's
 * memory, so they are filtered, sorted and paged here rather than in SQL. Filters take a value
 * or an operator object ({@code $eq}, {@code $neq}, {@code $in}, {@code $like} with {@code *}
 * and {@code ?}) per field, as the client sends them. Paging is by {@code from} and {@code limit}
 * or by cursor ({@code after}/{@code before}, as in the history searches): a page's start and end
 * cursors encode the sort values and id of its first and last item.
 */
final class IdentitySearch<T> {
  private static final int DEFAULT_LIMIT = 100;
  private static final ObjectMapper JSON = new ObjectMapper();

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

  /**
   * The items the caller may read: all of them, or those whose id it holds the read permission
   * for ({@code permitted}, from {@code ApiSecurity.permittedIds}; empty meaning all).
   */
  static <T> Collection<T> readable(Collection<T> items, Function<T, String> id, Optional<Set<String>> permitted) {
    return permitted.<Collection<T>>map(ids -> items.stream().filter(item -> ids.contains(id.apply(item))).toList())
        .orElse(items);
  }

  @SuppressWarnings("unchecked")
  Page<T> search(Collection<T> items, Map<String, Object> body) {
    Map<String, Object> query = body == null ? Map.of() : body;
    Map<String, Object> filter = query.get("filter") instanceof Map<?, ?> f ? (Map<String, Object>) f : Map.of();
    List<Function<T, Object>> sort = sortFields(query.get("sort"));
    Comparator<List<Object>> order = order(query.get("sort"));
    List<Sorted<T>> matching = new ArrayList<>();
    for (T item : items) {
      if (filter.entrySet().stream().allMatch(condition -> matches(item, condition.getKey(), condition.getValue()))) {
        matching.add(new Sorted<>(item, sortKey(item, sort)));
      }
    }
    matching.sort(Comparator.comparing(Sorted::key, order));
    Map<String, Object> page = query.get("page") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
    int from = page.get("from") instanceof Number n ? n.intValue() : 0;
    int limit = page.get("limit") instanceof Number n ? n.intValue() : DEFAULT_LIMIT;
    if (from < 0 || limit < 0) {
      throw RestRequestException.invalid("Expected non-negative page.from and page.limit, but found " + from + " and " + limit);
    }
    String after = text(page.get("after"));
    String before = text(page.get("before"));
    if (after != null && before != null || (after != null || before != null) && from > 0) {
      throw RestRequestException.invalid("Expected one of page.from, page.after and page.before, but found several");
    }
    List<Sorted<T>> selected;
    if (after != null) {
      List<Object> cursor = decode(after, sort.size() + 1);
      selected = matching.stream().filter(item -> order.compare(item.key(), cursor) > 0).limit(limit).toList();
    } else if (before != null) {
      // the page that ends just before the cursor, still in the order of the sort
      List<Object> cursor = decode(before, sort.size() + 1);
      List<Sorted<T>> earlier = matching.stream().filter(item -> order.compare(item.key(), cursor) < 0).toList();
      selected = earlier.subList(Math.max(0, earlier.size() - limit), earlier.size());
    } else {
      selected = matching.stream().skip(from).limit(limit).toList();
    }
    SearchQueryPageResponse response = new SearchQueryPageResponse().totalItems((long) matching.size())
        .hasMoreTotalItems(false);
    if (!selected.isEmpty()) {
      response.startCursor(encode(selected.get(0).key())).endCursor(encode(selected.get(selected.size() - 1).key()));
    }
    return new Page<>(selected.stream().map(Sorted::item).toList(), response);
  }

  /** An item with the values it is sorted by: those of the sort fields, then its id. */
  private record Sorted<T>(T item, List<Object> key) {}

  private List<Object> sortKey(T item, List<Function<T, Object>> sort) {
    List<Object> key = new ArrayList<>(sort.size() + 1);
    for (Function<T, Object> field : sort) {
      key.add(comparable(field.apply(item)));
    }
    key.add(comparable(field(idField).apply(item)));
    return key;
  }

  /** Numbers (authorization keys) compare as numbers, anything else as text; JSON keeps that apart. */
  private static Object comparable(Object value) {
    if (value == null || value instanceof Long) {
      return value;
    }
    return value instanceof Number n ? (Object) n.longValue() : String.valueOf(value);
  }

  private static String text(Object value) {
    return value == null || String.valueOf(value).isEmpty() ? null : String.valueOf(value);
  }

  // ---- cursors: the sort values and id of an item, as base64 JSON --------------------------------

  private static String encode(List<Object> key) {
    try {
      return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(key));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<Object> decode(String cursor, int expected) {
    List<Object> values;
    try {
      values = JSON.readValue(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)),
          new TypeReference<List<Object>>() {});
    } catch (IllegalArgumentException | IOException e) {
      throw RestRequestException.invalid(
          "Expected a cursor from an earlier page of this search, but found '" + cursor + "'");
    }
    if (values == null || values.size() != expected
        || values.stream().anyMatch(v -> v != null && !(v instanceof String) && !(v instanceof Number))) {
      throw RestRequestException.invalid("Expected a cursor from an earlier page of this search (same sort), but "
          + "the cursor '" + cursor + "' does not match the sort");
    }
    return values.stream().map(IdentitySearch::comparable).toList();
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

  private List<Function<T, Object>> sortFields(Object sort) {
    List<Function<T, Object>> result = new ArrayList<>();
    for (Map<?, ?> by : criteria(sort)) {
      result.add(field(String.valueOf(by.get("field"))));
    }
    return result;
  }

  private static List<Map<?, ?>> criteria(Object sort) {
    List<Map<?, ?>> result = new ArrayList<>();
    if (sort instanceof List<?> criteria) {
      for (Object criterion : criteria) {
        if (criterion instanceof Map<?, ?> by && by.get("field") != null) {
          result.add(by);
        }
      }
    }
    return result;
  }

  /**
   * The total order of sort keys: by each sort value in its direction (null after any value, as
   * SQL sorts it ascending), then by the id, so that pages are stable and a cursor names a place.
   */
  private static Comparator<List<Object>> order(Object sort) {
    List<Boolean> descending = criteria(sort).stream()
        .map(by -> "DESC".equalsIgnoreCase(String.valueOf(by.get("order")))).toList();
    return (a, b) -> {
      for (int i = 0; i < a.size(); i++) {
        int compared = compare(a.get(i), b.get(i));
        if (compared != 0) {
          return i < descending.size() && descending.get(i) ? -compared : compared;
        }
      }
      return 0;
    };
  }

  private static int compare(Object a, Object b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1;
    }
    if (a instanceof Long x && b instanceof Long y) {
      return Long.compare(x, y);
    }
    return String.valueOf(a).compareTo(String.valueOf(b));
  }
}

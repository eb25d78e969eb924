package cn.relief.engine.feel;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Parses and evaluates expressions the way Zeebe does: a value starting with {@code =} is FEEL,
 * anything else is a static value. Results are plain Java values (maps, lists, strings, longs,
 * doubles, booleans, null), the same shapes variables have.
 */
public final class ExpressionLanguage {
  private final FeelEngineApi feel;

  /** With the system clock (parsing, and places that do not run in the engine). */
  public ExpressionLanguage() {
    this(System::currentTimeMillis);
  }

  /**
   * With the engine's clock: FEEL's {@code now()} and {@code today()} read the same time as timers
   * and record timestamps, so a pinned clock in a test moves due dates computed in FEEL as well.
   */
  public ExpressionLanguage(java.util.function.LongSupplier clock) {
    this.feel = FeelEngineBuilder.forJava()
        .withClock(() -> java.time.Instant.ofEpochMilli(clock.getAsLong()).atZone(java.time.ZoneId.systemDefault()))
        .build();
  }

  /** Parses an attribute value; throws {@link IllegalArgumentException} naming the failure. */
  public Expression parse(String value) {
    if (value == null) {
      return null;
    }
    String trimmed = value.trim();
    if (!trimmed.startsWith("=")) {
      return Expression.ofStatic(value);
    }
    int depth = nesting(trimmed);
    if (depth > MAX_NESTING) {
      throw new IllegalArgumentException("failed to parse expression '" + abbreviated(trimmed)
          + "': brackets nested " + depth + " deep, more than the " + MAX_NESTING + " allowed");
    }
    ParseResult result;
    try {
      result = feel.parseExpression(trimmed.substring(1));
    } catch (StackOverflowError e) {
      // the parser recurses per nesting level; whatever the count above missed must not stop the engine
      throw new IllegalArgumentException("failed to parse expression '" + abbreviated(trimmed) + "': too deeply nested");
    }
    if (result.isFailure()) {
      throw new IllegalArgumentException(
          "failed to parse expression '" + trimmed + "': " + result.failure().message());
    }
    return new Expression(trimmed, result.parsedExpression());
  }

  /**
   * Brackets may nest this deep: the FEEL parser recurses per level and a few thousand levels
   * overflow the stack of the thread that parses (the engine's writer, for a deployment or a
   * request). Real expressions nest a handful of levels.
   */
  public static final int MAX_NESTING = 100;

  /** The deepest nesting of (), [] and {} outside string literals. */
  static int nesting(String text) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '[' || c == '{') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == ')' || c == ']' || c == '}') {
        depth = Math.max(0, depth - 1);
      }
    }
    return deepest;
  }

  private static String abbreviated(String text) {
    return text.length() <= 80 ? text : text.substring(0, 80) + "...";
  }

  public EvaluationResult evaluate(Expression expression, Map<String, Object> variables) {
    if (!expression.isFeel()) {
      return EvaluationResult.success(expression.text());
    }
    org.camunda.feel.api.EvaluationResult result;
    try {
      result = feel.evaluate(expression.parsed(), variables);
    } catch (RuntimeException | StackOverflowError e) {
      return EvaluationResult.failure(
          "failed to evaluate expression '" + abbreviated(expression.text()) + "': " + e.getMessage());
    }
    if (result.isFailure()) {
      return EvaluationResult.failure(
          "failed to evaluate expression '" + expression.text() + "': " + result.failure().message());
    }
    return EvaluationResult.success(toPlainValue(result.result()));
  }

  /** Evaluates to a string; numbers and booleans are not silently converted (as in Zeebe). */
  public EvaluationResult evaluateString(Expression expression, Map<String, Object> variables) {
    EvaluationResult result = evaluate(expression, variables);
    if (result.isFailure() || result.value() instanceof String) {
      return result;
    }
    return typeMismatch(expression, "STRING", result.value());
  }

  public EvaluationResult evaluateBoolean(Expression expression, Map<String, Object> variables) {
    EvaluationResult result = evaluate(expression, variables);
    if (result.isFailure() || result.value() instanceof Boolean) {
      return result;
    }
    return typeMismatch(expression, "BOOLEAN", result.value());
  }

  public EvaluationResult evaluateLong(Expression expression, Map<String, Object> variables) {
    EvaluationResult result = evaluate(expression, variables);
    if (result.isFailure()) {
      return result;
    }
    Object value = result.value();
    if (value instanceof Long) {
      return result;
    }
    if (value instanceof String s && !expression.isFeel()) {
      try {
        return EvaluationResult.success(Long.parseLong(s.trim()));
      } catch (NumberFormatException e) {
        return typeMismatch(expression, "NUMBER", value);
      }
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return EvaluationResult.success(d.longValue());
    }
    return typeMismatch(expression, "NUMBER", value);
  }

  private static EvaluationResult typeMismatch(Expression expression, String expected, Object actual) {
    return EvaluationResult.failure(
        "Expected result of the expression '" + expression.text() + "' to be '" + expected
            + "', but was '" + typeName(actual) + "'.");
  }

  static String typeName(Object value) {
    if (value == null) {
      return "NULL";
    } else if (value instanceof String) {
      return "STRING";
    } else if (value instanceof Boolean) {
      return "BOOLEAN";
    } else if (value instanceof Number) {
      return "NUMBER";
    } else if (value instanceof Map) {
      return "OBJECT";
    } else if (value instanceof Collection) {
      return "ARRAY";
    }
    return value.getClass().getSimpleName().toUpperCase();
  }

  /** Converts what the FEEL engine returns into JSON-compatible Java values. */
  static Object toPlainValue(Object value) {
    if (value instanceof BigDecimal decimal) {
      return normalizeNumber(decimal);
    } else if (value instanceof BigInteger integer) {
      return normalizeNumber(new BigDecimal(integer));
    } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    } else if (value instanceof Float f) {
      return f.doubleValue();
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toPlainValue(v)));
      return copy;
    } else if (value instanceof Collection<?> collection) {
      List<Object> copy = new ArrayList<>(collection.size());
      collection.forEach(v -> copy.add(toPlainValue(v)));
      return copy;
    } else if (value == null || value instanceof String || value instanceof Boolean
        || value instanceof Long || value instanceof Double) {
      return value;
    }
    // dates, times, durations: Zeebe stores them as their ISO text
    return value.toString();
  }

  private static Object normalizeNumber(BigDecimal decimal) {
    BigDecimal stripped = decimal.stripTrailingZeros();
    if (stripped.scale() <= 0 && stripped.precision() - stripped.scale() <= 18) {
      return stripped.longValueExact();
    }
    return decimal.doubleValue();
  }
}

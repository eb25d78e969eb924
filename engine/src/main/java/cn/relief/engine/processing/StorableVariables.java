package cn.relief.engine.processing;

import java.util.Collection;
import java.util.Map;

/**
 * Refuses variable documents whose values would not come back as they were sent. Found by
 * VariablePayloadsIT: a number beyond a double (1e400) was kept as the string "Infinity"; a lone
 * UTF-16 surrogate ("\ud800", valid JSON escape, not Unicode) came back as '?' from PostgreSQL; a
 * NUL, in a name or a value, cannot be stored in PostgreSQL text (it stopped the history
 * projection) and is stored as U+FFFD elsewhere. Checked before a command writes anything, so the command is rejected whole.
 */
public final class StorableVariables {
  private StorableVariables() {}

  /** Throws an INVALID_ARGUMENT rejection of {@code command} naming the first value that cannot be stored. */
  public static void require(Enum<?> command, Map<String, ?> variables) {
    if (variables == null) {
      return;
    }
    for (Map.Entry<String, ?> variable : variables.entrySet()) {
      String name = variable.getKey();
      if (name != null && name.indexOf('\u0000') >= 0) {
        throw Rejections.invalidArgument(command,
            "Expected variable names without the NUL character, but '%s' contains one", printable(name));
      }
      String problem = name == null ? null : problem(name);
      if (problem == null) {
        problem = problemIn(variable.getValue());
      }
      if (problem != null) {
        throw Rejections.invalidArgument(command, "Expected the variable '%s' to hold JSON that can be stored as"
            + " sent, but %s", printable(name), problem);
      }
    }
  }

  private static String problemIn(Object value) {
    if (value instanceof String text) {
      return problem(text);
    }
    if (value instanceof Double number && !Double.isFinite(number)
        || value instanceof Float single && !Float.isFinite(single)) {
      return "it contains the number " + value + " (beyond the range of a double)";
    }
    if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> member : map.entrySet()) {
        String problem = member.getKey() instanceof String key ? problem(key) : null;
        if (problem == null) {
          problem = problemIn(member.getValue());
        }
        if (problem != null) {
          return problem;
        }
      }
    }
    if (value instanceof Collection<?> items) {
      for (Object item : items) {
        String problem = problemIn(item);
        if (problem != null) {
          return problem;
        }
      }
    }
    return null;
  }

  /**
   * A lone surrogate is not a Unicode character: UTF-8 (and so PostgreSQL) cannot hold it. Nor can
   * PostgreSQL hold a NUL, in text or as the JSON escape in jsonb: the log would keep it only as
   * U+FFFD ({@code CopyText.storable}), so the value would come back altered.
   */
  private static String problem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return "the text '" + printable(text) + "' contains the NUL character, which cannot be stored";
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return "the text '" + printable(text) + "' contains an unpaired UTF-16 surrogate (\\u"
            + Integer.toHexString(c) + "), which is not a Unicode character";
      }
    }
    return null;
  }

  /** The text with NUL and lone surrogates written as escapes, short enough to quote. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < 100; i++) {
      char c = text.charAt(i);
      boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1));
      if (c == '\u0000' || Character.isSurrogate(c) && !paired) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
        if (paired) {
          out.append(text.charAt(++i));
        }
      }
    }
    return i < text.length() ? out + "..." : out.toString();
  }
}

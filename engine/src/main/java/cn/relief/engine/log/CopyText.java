package cn.relief.engine.log;

/**
 * PostgreSQL's COPY text format: tab-separated columns, newline-terminated rows, {@code \N} for
 * null, backslash escapes. COPY is used wherever many rows are written at once (the log, the audit
 * trail, the history): one round trip and no per-row statement.
 */
public final class CopyText {
  /** What stands for a NUL character, which PostgreSQL text cannot hold. */
  public static final char NUL_REPLACEMENT = '\uFFFD';

  private CopyText() {}

  /**
   * {@code value} as PostgreSQL can store and query it: each NUL, and each JSON escape of one
   * (backslash, "u0000": jsonb refuses it), replaced by U+FFFD. Callers send NULs in any string (a
   * process id, a variable, a job's error message, a resource name over gRPC), and engine
   * rejections quote them: one such row made COPY fail, which failed the commit of the command's
   * records or stopped the history projection for good, and one JSON text with the escape broke
   * every query that reads its column as jsonb (the user task searches, the incident reader).
   */
  public static String storable(String value) {
    if (value == null || value.indexOf('\0') < 0 && !value.contains("\\u0000")) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int backslashes = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\0') {
        out.append(NUL_REPLACEMENT);
      } else if (c == '\\' && backslashes % 2 == 0 && value.startsWith("u0000", i + 1)) {
        // an escape (not an escaped backslash followed by "u0000")
        out.append("\\ufffd");
        i += 5;
        backslashes = 0;
        continue;
      } else {
        out.append(c);
      }
      backslashes = c == '\\' ? backslashes + 1 : 0;
    }
    return out.toString();
  }

  /** Appends a value escaped for COPY's text format; null becomes \N. */
  public static StringBuilder append(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
    value = storable(value);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(c);
      }
    }
    return out;
  }
}

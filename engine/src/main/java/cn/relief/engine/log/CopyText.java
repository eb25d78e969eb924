package cn.relief.engine.log;

/**
 * PostgreSQL's COPY text format: tab-separated columns, newline-terminated rows, {@code \N} for
 * null, backslash escapes. COPY is used wherever many rows are written at once (the log, the audit
 * trail, the history): one round trip and no per-row statement.
 */
public final class CopyText {
  private CopyText() {}

  /** Appends a value escaped for COPY's text format; null becomes \N. */
  public static StringBuilder append(StringBuilder out, String value) {
    if (value == null) {
      return out.append("\\N");
    }
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

package cn.relief.engine.log;

/**
 * PostgreSQL's COPY text format: tab-separated columns, newline-terminated rows, {@code \N} for
 * null, backslash escapes. COPY is used wherever many rows are written at once (the log, the audit
 * trail, the history): one round trip and no per-row statement.
 */
public final class CopyText {
  private CopyText() {}

  /**
   * What a NUL character becomes: PostgreSQL text cannot hold it at all, and one NUL in a name or a
   * rejection message made the whole COPY (with every other command of its batch) fail. Found by
   * RandomDeploymentsIT with a resource named "x\u0000.bpmn".
   */
  public static final char NUL_REPLACEMENT = '\uFFFD';

  /** The text as PostgreSQL can store it: NUL characters replaced with {@link #NUL_REPLACEMENT}. */
  public static String storable(String value) {
    return value == null || value.indexOf('\u0000') < 0 ? value : value.replace('\u0000', NUL_REPLACEMENT);
  }

  /** Appends a value escaped for COPY's text format; null becomes \N, NUL becomes {@link #NUL_REPLACEMENT}. */
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
        case '\u0000' -> out.append(NUL_REPLACEMENT);
        default -> out.append(c);
      }
    }
    return out;
  }
}

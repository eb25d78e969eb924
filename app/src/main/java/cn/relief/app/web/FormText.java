package cn.relief.app.web;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checks every form of typed text makes: length, invisible control characters (a NUL cannot
 * even be stored), one of a list. Problems go into {@code errors} by field as message keys under
 * the form's prefix: {@code <prefix>.<field>.short}, {@code .long}, {@code <prefix>.control},
 * {@code <prefix>.choice}.
 */
public final class FormText {
  /** Control characters other than tab, line feed and carriage return. */
  public static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");

  private FormText() {}

  /** The stripped text; a problem if shorter than {@code min}, longer than {@code max} or with control characters. */
  public static String text(Map<String, String> errors, String prefix, String field, String value, int min, int max) {
    String text = value == null ? "" : value.strip();
    if (text.length() < min) {
      errors.put(field, prefix + "." + field + ".short");
    } else if (text.length() > max) {
      errors.put(field, prefix + "." + field + ".long");
    } else if (CONTROL.matcher(text).find()) {
      errors.put(field, prefix + ".control");
    }
    return text;
  }

  /** The constant named (any case), {@code unknown} if blank; a problem if it names none. */
  public static <E extends Enum<E>> E choice(Map<String, String> errors, String prefix, String field, String value,
      Class<E> type, E unknown) {
    if (blank(value)) {
      return unknown;
    }
    try {
      return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      errors.put(field, prefix + ".choice");
      return unknown;
    }
  }

  public static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

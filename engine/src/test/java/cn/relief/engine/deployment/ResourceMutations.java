package cn.relief.engine.deployment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Damaged versions of valid resources, as a careless editor, a broken upload or a hostile caller
 * would send them: flipped bytes, cut-off documents, deleted or duplicated elements and
 * attributes, references to nothing, huge or odd ids and names, stray Unicode and DOCTYPE
 * declarations. Each mutation is deterministic for its seed, so that a failing run can be repeated.
 */
public final class ResourceMutations {
  private static final Pattern ELEMENT = Pattern.compile("<[A-Za-z][^<>]*?/>|<[A-Za-z][^<>]*>");
  private static final Pattern ATTRIBUTE = Pattern.compile("\\s[A-Za-z:]+=\"[^\"]*\"");
  private static final Pattern REFERENCE = Pattern.compile(
      "\\s(sourceRef|targetRef|attachedToRef|default|calledElement|processId|decisionId|formId|messageRef"
          + "|errorRef|signalRef|escalationRef|href|id|name|type|retries|inputVariable|inputCollection"
          + "|outputElement|source|target|timeDuration|value)=\"([^\"]*)\"");
  private static final String[] ODD_TEXTS = {
      "", " ", "-", "0", "1e309", "-1", "9223372036854775808", "null", "true", "{}", "[]", "=", "==", "=(",
      "=x.y.z", "&amp;&lt;&gt;", "&#0;", "&#xD800;", "&#x1F600;", "&unknown;", "]]>", "<!-- -->", "\u2028\u2029",
      "救助站\u0000", "\uFEFF", "e\u0301", "\uD83D\uDE00\uD83D\uDE00", "$", "${x}", "#{x}", "'; DROP TABLE x; --",
      "../../etc/passwd", "C:\\x", "\t\n", "PT-1S", "R/PT1S", "2026-13-45T99:99:99Z", "P999999999999999Y",
  };
  private static final String[] DOCTYPES = {
      "<!DOCTYPE definitions [<!ENTITY x \"y\">]>",
      "<!DOCTYPE definitions SYSTEM \"http://127.0.0.1:1/x.dtd\">",
      "<!DOCTYPE definitions [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
      "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
          + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
      "<!doctype definitions>",
      "<!ENTITY x \"y\">",
  };

  /** The kinds of damage, one per mutation. */
  public enum Kind {
    FLIP_BYTES, TRUNCATE, DELETE_ELEMENT, DUPLICATE_ELEMENT, DELETE_ATTRIBUTE, WRONG_REFERENCE, ODD_VALUE,
    HUGE_VALUE, INSERT_UNICODE, INSERT_DOCTYPE, SWAP_ELEMENTS, DELETE_CLOSING_TAG
  }

  private ResourceMutations() {}

  /** The files with one of the extensions under a directory (none when it does not exist). */
  public static List<byte[]> filesUnder(Path directory, String... extensions) {
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(directory)) {
      List<byte[]> contents = new ArrayList<>();
      for (Path file : files.sorted().toList()) {
        for (String extension : extensions) {
          if (file.toString().endsWith(extension)) {
            contents.add(Files.readAllBytes(file));
          }
        }
      }
      return contents;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Applies one kind of damage, its place and content chosen by {@code seed}. */
  public static byte[] mutate(byte[] resource, Kind kind, long seed) {
    Random random = new Random(seed);
    String text = new String(resource, StandardCharsets.UTF_8);
    return switch (kind) {
      case FLIP_BYTES -> flipBytes(resource, random);
      case TRUNCATE -> java.util.Arrays.copyOf(resource, resource.length == 0 ? 0 : random.nextInt(resource.length));
      case DELETE_ELEMENT -> utf8(replaceRandom(text, ELEMENT, random, m -> ""));
      case DUPLICATE_ELEMENT -> utf8(replaceRandom(text, ELEMENT, random, m -> m.group() + m.group()));
      case DELETE_ATTRIBUTE -> utf8(replaceRandom(text, ATTRIBUTE, random, m -> ""));
      case WRONG_REFERENCE -> utf8(replaceRandom(text, REFERENCE, random,
          m -> " " + m.group(1) + "=\"" + pickOtherValue(text, random) + "\""));
      case ODD_VALUE -> utf8(replaceRandom(text, REFERENCE, random,
          m -> " " + m.group(1) + "=\"" + xmlAttribute(ODD_TEXTS[random.nextInt(ODD_TEXTS.length)]) + "\""));
      case HUGE_VALUE -> utf8(replaceRandom(text, REFERENCE, random,
          m -> " " + m.group(1) + "=\"" + "救".repeat(1 + random.nextInt(100_000)) + "\""));
      case INSERT_UNICODE -> utf8(insertAt(text, random, randomUnicode(random)));
      case INSERT_DOCTYPE -> utf8(insertDoctype(text, random));
      case SWAP_ELEMENTS -> utf8(swapElements(text, random));
      case DELETE_CLOSING_TAG -> utf8(replaceRandom(text, Pattern.compile("</[A-Za-z:]+>"), random, m -> ""));
    };
  }

  /** Like {@link #mutate} for JSON: the XML-specific kinds become their JSON counterparts. */
  public static byte[] mutateJson(byte[] resource, Kind kind, long seed) {
    Random random = new Random(seed);
    String text = new String(resource, StandardCharsets.UTF_8);
    Pattern member = Pattern.compile("\"([A-Za-z]+)\"\\s*:\\s*(\"[^\"]*\"|-?[0-9.]+|true|false|null)");
    return switch (kind) {
      case FLIP_BYTES, TRUNCATE, INSERT_UNICODE -> mutate(resource, kind, seed);
      case DELETE_ELEMENT, DELETE_ATTRIBUTE -> utf8(replaceRandom(text, member, random, m -> "\"_\": 0"));
      case DUPLICATE_ELEMENT -> utf8(replaceRandom(text, member, random, m -> m.group() + ", " + m.group()));
      case WRONG_REFERENCE, SWAP_ELEMENTS -> utf8(replaceRandom(text, member, random,
          m -> "\"" + m.group(1) + "\": " + JSON_VALUES[random.nextInt(JSON_VALUES.length)]));
      case ODD_VALUE -> utf8(replaceRandom(text, member, random,
          m -> "\"" + m.group(1) + "\": \"" + jsonString(ODD_TEXTS[random.nextInt(ODD_TEXTS.length)]) + "\""));
      case HUGE_VALUE -> utf8(replaceRandom(text, member, random,
          m -> "\"" + m.group(1) + "\": \"" + "救".repeat(1 + random.nextInt(100_000)) + "\""));
      case INSERT_DOCTYPE -> utf8(insertAt(text, random, DOCTYPES[random.nextInt(DOCTYPES.length)]));
      case DELETE_CLOSING_TAG -> utf8(replaceRandom(text, Pattern.compile("[}\\]]"), random, m -> ""));
    };
  }

  private static final String[] JSON_VALUES = {
      "null", "true", "0", "-1", "1e400", "123456789012345678901234567890", "\"\"", "[]", "{}", "[[[[]]]]",
      "{\"type\": \"group\", \"components\": [{\"type\": \"group\"}]}", "\"=x\"", "\"(\"", "\"[a-\"",
  };

  private static byte[] flipBytes(byte[] resource, Random random) {
    byte[] copy = resource.clone();
    int flips = 1 + random.nextInt(8);
    for (int i = 0; i < flips && copy.length > 0; i++) {
      copy[random.nextInt(copy.length)] ^= (byte) (1 << random.nextInt(8));
    }
    return copy;
  }

  private static String replaceRandom(String text, Pattern pattern, Random random,
      java.util.function.Function<Matcher, String> replacement) {
    Matcher matcher = pattern.matcher(text);
    List<int[]> matches = new ArrayList<>();
    while (matcher.find()) {
      matches.add(new int[] {matcher.start(), matcher.end()});
    }
    if (matches.isEmpty()) {
      return text;
    }
    int[] chosen = matches.get(random.nextInt(matches.size()));
    matcher = pattern.matcher(text);
    matcher.region(chosen[0], text.length());
    matcher.lookingAt();
    return text.substring(0, chosen[0]) + replacement.apply(matcher) + text.substring(chosen[1]);
  }

  private static String pickOtherValue(String text, Random random) {
    Matcher ids = Pattern.compile("\\sid=\"([^\"]*)\"").matcher(text);
    List<String> values = new ArrayList<>();
    while (ids.find()) {
      values.add(ids.group(1));
    }
    if (values.isEmpty() || random.nextInt(4) == 0) {
      return "missing-" + random.nextInt(1000);
    }
    return values.get(random.nextInt(values.size()));
  }

  private static String insertAt(String text, Random random, String insertion) {
    int at = text.isEmpty() ? 0 : random.nextInt(text.length());
    // never between the two halves of a surrogate pair: that would be a different kind of input
    if (at > 0 && Character.isLowSurrogate(text.charAt(at))) {
      at--;
    }
    return text.substring(0, at) + insertion + text.substring(at);
  }

  private static String insertDoctype(String text, Random random) {
    String doctype = DOCTYPES[random.nextInt(DOCTYPES.length)];
    int prolog = text.startsWith("<?xml") ? text.indexOf("?>") + 2 : 0;
    return switch (random.nextInt(3)) {
      case 0 -> text.substring(0, prolog) + doctype + text.substring(prolog);
      case 1 -> insertAt(text, random, doctype);
      default -> text.substring(0, prolog) + "<!--" + "x".repeat(70 * 1024) + "-->" + doctype + text.substring(prolog);
    };
  }

  private static String swapElements(String text, Random random) {
    Matcher matcher = ELEMENT.matcher(text);
    List<int[]> matches = new ArrayList<>();
    while (matcher.find()) {
      matches.add(new int[] {matcher.start(), matcher.end()});
    }
    if (matches.size() < 2) {
      return text;
    }
    int i = random.nextInt(matches.size());
    int j = random.nextInt(matches.size());
    int[] first = matches.get(Math.min(i, j));
    int[] second = matches.get(Math.max(i, j));
    if (first == second) {
      return text;
    }
    return text.substring(0, first[0]) + text.substring(second[0], second[1]) + text.substring(first[1], second[0])
        + text.substring(first[0], first[1]) + text.substring(second[1]);
  }

  private static String randomUnicode(Random random) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(20);
    for (int i = 0; i < length; i++) {
      int codePoint = switch (random.nextInt(4)) {
        case 0 -> random.nextInt(0x20);
        case 1 -> 0x4E00 + random.nextInt(0x5000);
        case 2 -> 0x1F600 + random.nextInt(0x50);
        default -> random.nextInt(0x10FFFF);
      };
      if (codePoint >= 0xD800 && codePoint <= 0xDFFF) {
        codePoint = '?';
      }
      text.appendCodePoint(codePoint);
    }
    return text.toString();
  }

  private static String xmlAttribute(String text) {
    return text.replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static String jsonString(String text) {
    StringBuilder escaped = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\') {
        escaped.append('\\').append(c);
      } else if (c < 0x20) {
        escaped.append(String.format("\\u%04x", (int) c));
      } else {
        escaped.append(c);
      }
    }
    return escaped.toString();
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}

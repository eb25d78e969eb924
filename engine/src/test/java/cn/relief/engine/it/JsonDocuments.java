package cn.relief.engine.it;

import java.util.Random;

/**
 * Generated variable documents as text, so that they can be what no JSON library would write:
 * duplicate keys, odd and empty names, escaped NUL and lone surrogates, numbers beyond a double,
 * arrays or scalars at the top level, truncated or not JSON at all. Nesting stays shallow (deep
 * nesting and size are the limits' own tests).
 */
final class JsonDocuments {
  private static final String[] NAMES = {
      "a", "b", "amount", "救助站", "\\ud83d\\ude00", "", " ", "a.b", "a-b", "1", "$x", "a\\u0000b", "null", "true",
      "x".repeat(300), "name with spaces", "\\n", "\\\"quoted\\\"", "\\u2028", "e\\u0301",
  };
  private static final String[] SCALARS = {
      "0", "-0", "1", "-1", "1.5", "0.1", "1e308", "-1e308", "1e400", "-1e400", "1E-400", "9007199254740993",
      "9223372036854775807", "9223372036854775808", "-9223372036854775809", "123456789012345678901234567890",
      "3.14159265358979323846264338327950288", "true", "false", "null", "\"\"", "\"救助\"", "\"\\u0000\"",
      "\"\\ud800\"", "\"\\udc00x\"", "\"\\ud83d\\ude00\"", "\"a\\tb\\nc\"", "\"=x + 1\"", "\"${x}\"",
      "\"" + "长".repeat(5_000) + "\"", "\"\\u202e\"", "\"</script>\"",
  };
  private static final String[] BROKEN = {
      "", " ", "not json", "{", "{\"a\":", "{\"a\" 1}", "{a: 1}", "{'a': 1}", "{\"a\": 1,}", "[1,]", "{\"a\": NaN}",
      "{\"a\": Infinity}", "{\"a\": 01}", "{\"a\": 1} {}", "{\"a\": 1}]", "\"\\u00\"", "{\"a\": \"\\x\"}",
      "/* c */ {}", "{\"a\": .5}", "\uFEFF{}",
  };

  private JsonDocuments() {}

  /** One document: mostly objects (the kind that may be accepted), some of every other kind. */
  static String document(Random random) {
    return switch (random.nextInt(10)) {
      case 0 -> BROKEN[random.nextInt(BROKEN.length)];
      case 1 -> value(random, 2);
      case 2 -> "[" + value(random, 2) + "]";
      default -> object(random, 0);
    };
  }

  private static String object(Random random, int depth) {
    StringBuilder json = new StringBuilder("{");
    int members = random.nextInt(depth == 0 ? 6 : 4);
    String last = null;
    for (int i = 0; i < members; i++) {
      if (i > 0) {
        json.append(", ");
      }
      // sometimes the same key twice
      String name = last != null && random.nextInt(6) == 0 ? last : NAMES[random.nextInt(NAMES.length)];
      json.append('"').append(name).append("\": ").append(value(random, depth + 1));
      last = name;
    }
    return json.append('}').toString();
  }

  private static String value(Random random, int depth) {
    if (depth >= 4) {
      return SCALARS[random.nextInt(SCALARS.length)];
    }
    return switch (random.nextInt(6)) {
      case 0 -> object(random, depth);
      case 1 -> {
        StringBuilder array = new StringBuilder("[");
        int items = random.nextInt(4);
        for (int i = 0; i < items; i++) {
          array.append(i > 0 ? ", " : "").append(value(random, depth + 1));
        }
        yield array.append(']').toString();
      }
      default -> SCALARS[random.nextInt(SCALARS.length)];
    };
  }
}

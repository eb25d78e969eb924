package cn.relief.engine.inputs;

import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Generated inputs for property-style tests with plain JUnit 5: a seeded source of random texts,
 * numbers and choices, and a loop that runs a check over many of them. The seed is new each run
 * (so runs explore different inputs) and is named when a check fails; {@code
 * -Drelief.inputs.seed=N} repeats a run exactly.
 *
 * <p>Written here rather than taken from a property-testing library: jqwik 1.10's executor prints
 * that AI agents must not use it, and the project respects that wish of its author.
 */
public final class GeneratedInputs {
  private final Random random;

  private GeneratedInputs(long seed) {
    this.random = new Random(seed);
  }

  /** Runs {@code check} {@code tries} times, each with inputs drawn from the same seeded source. */
  public static void forEach(int tries, Consumer<GeneratedInputs> check) {
    long seed = Long.getLong("relief.inputs.seed", new Random().nextLong());
    GeneratedInputs inputs = new GeneratedInputs(seed);
    for (int attempt = 1; attempt <= tries; attempt++) {
      try {
        check.accept(inputs);
      } catch (AssertionError | RuntimeException failure) {
        throw new AssertionError("Failed on try " + attempt + " of " + tries + "; repeat with -Drelief.inputs.seed="
            + seed + ": " + failure.getMessage(), failure);
      }
    }
  }

  public int between(int min, int max) {
    return min + random.nextInt(max - min + 1);
  }

  public long anyLong() {
    return random.nextLong();
  }

  public <E extends Enum<E>> E pick(Class<E> kind) {
    E[] values = kind.getEnumConstants();
    return values[random.nextInt(values.length)];
  }

  public boolean chance(double probability) {
    return random.nextDouble() < probability;
  }

  public <T> T pick(List<T> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  public char pick(String characters) {
    return characters.charAt(random.nextInt(characters.length()));
  }

  /** A text of up to {@code maxLength} characters taken from {@code alphabet}. */
  public String text(int maxLength, String alphabet) {
    StringBuilder text = new StringBuilder();
    for (int i = between(0, maxLength); i > 0; i--) {
      text.append(pick(alphabet));
    }
    return text.toString();
  }

  /**
   * A text of up to {@code maxLength} code points from anywhere in Unicode (control characters,
   * CJK, emoji, unpaired surrogates included), weighted towards the edge cases parsers trip on.
   */
  public String unicode(int maxLength) {
    StringBuilder text = new StringBuilder();
    for (int i = between(0, maxLength); i > 0; i--) {
      switch (random.nextInt(6)) {
        case 0 -> text.append((char) random.nextInt(0x20)); // control characters, NUL included
        case 1 -> text.append((char) between(0x20, 0x7e));
        case 2 -> text.append((char) between(0x4e00, 0x9fff)); // CJK
        case 3 -> text.appendCodePoint(between(0x1f300, 0x1faff)); // emoji, outside the BMP
        case 4 -> text.append((char) between(0xd800, 0xdfff)); // a lone surrogate
        default -> text.appendCodePoint(between(0, Character.MAX_CODE_POINT));
      }
    }
    return text.toString();
  }
}

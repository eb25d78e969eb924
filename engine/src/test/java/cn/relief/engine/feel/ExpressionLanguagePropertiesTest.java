package cn.relief.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.Map;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Chars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/**
 * Bad input (E8): whatever text a model or a request puts in an expression, the engine gets a
 * parse rejection or an evaluation failure, never another exception (which on the writer thread
 * would stop processing). Generated inputs, jqwik.
 */
class ExpressionLanguagePropertiesTest {
  private final ExpressionLanguage feel = new ExpressionLanguage();

  @Property(tries = 500)
  void anyTextIsParsedOrRejectedAndAnyParsedExpressionEvaluatesOrFails(
      @ForAll @StringLength(max = 40) @Chars({'a', 'x', '1', '0', '.', ' ', '(', ')', '[', ']', '{', '}', '"', '+',
          '-', '*', '/', '<', '>', '=', ',', ':', '?', '!'}) String text) {
    assertParsesOrRejects("=" + text);
  }

  @Property(tries = 300)
  void anyUnicodeTextIsParsedOrRejected(@ForAll @StringLength(max = 60) String text) {
    assertParsesOrRejects("=" + text);
  }

  @Property(tries = 20)
  void deepNestingIsRejectedWithAReasonNotAStackOverflow(@ForAll @IntRange(min = 1, max = 20_000) int depth,
      @ForAll @Chars({'(', '['}) char bracket) {
    String open = String.valueOf(bracket).repeat(depth);
    String close = (bracket == '(' ? ")" : "]").repeat(depth);
    assertParsesOrRejects("=" + open + "1" + close);
  }

  @Example
  void twentyThousandNestedParenthesesAndAnUnclosedOneAreHandled() {
    assertParsesOrRejects("=" + "(".repeat(20_000) + "1" + ")".repeat(20_000));
    assertParsesOrRejects("=" + "(".repeat(20_000));
    assertParsesOrRejects("=" + "[".repeat(20_000) + "\"");
  }

  @Example
  void realisticNestingStillParses() {
    String nested = "=" + "(".repeat(ExpressionLanguage.MAX_NESTING) + "1" + ")".repeat(ExpressionLanguage.MAX_NESTING);
    assertThat(feel.evaluate(feel.parse(nested), Map.of()).isFailure()).isFalse();
    assertThat(ExpressionLanguage.nesting("=f(\"((((\", [1, {a: 2}])")).isEqualTo(3);
  }

  private void assertParsesOrRejects(String text) {
    Expression[] parsed = new Expression[1];
    try {
      parsed[0] = feel.parse(text);
    } catch (IllegalArgumentException rejected) {
      assertThat(rejected.getMessage()).isNotBlank();
      return;
    }
    assertThatCode(() -> {
      EvaluationResult result = feel.evaluate(parsed[0], Map.of("x", 1, "a", "甲"));
      assertThat(result).isNotNull();
    }).doesNotThrowAnyException();
  }
}

package cn.relief.engine.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import cn.relief.engine.inputs.GeneratedInputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bad input (E8): whatever text a model or a request puts in an expression, the engine gets a
 * parse rejection or an evaluation failure, never another exception (which on the writer thread
 * would stop processing). Generated inputs ({@link GeneratedInputs}).
 */
class ExpressionLanguagePropertiesTest {
  private static final String FEEL_CHARACTERS = "ax10. ()[]{}\"+-*/<>=,:?!";
  private final ExpressionLanguage feel = new ExpressionLanguage();

  @Test
  void anyTextIsParsedOrRejectedAndAnyParsedExpressionEvaluatesOrFails() {
    GeneratedInputs.forEach(500, inputs -> assertParsesOrRejects("=" + inputs.text(40, FEEL_CHARACTERS)));
  }

  @Test
  void anyUnicodeTextIsParsedOrRejected() {
    GeneratedInputs.forEach(300, inputs -> assertParsesOrRejects("=" + inputs.unicode(60)));
  }

  @Test
  void deepNestingIsRejectedWithAReasonNotAStackOverflow() {
    GeneratedInputs.forEach(20, inputs -> {
      int depth = inputs.between(1, 20_000);
      boolean round = inputs.chance(0.5);
      assertParsesOrRejects("=" + (round ? "(" : "[").repeat(depth) + "1" + (round ? ")" : "]").repeat(depth));
    });
  }

  @Test
  void twentyThousandNestedParenthesesAndAnUnclosedOneAreHandled() {
    assertParsesOrRejects("=" + "(".repeat(20_000) + "1" + ")".repeat(20_000));
    assertParsesOrRejects("=" + "(".repeat(20_000));
    assertParsesOrRejects("=" + "[".repeat(20_000) + "\"");
  }

  @Test
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

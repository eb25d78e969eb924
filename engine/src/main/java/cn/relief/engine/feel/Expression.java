package cn.relief.engine.feel;

import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * An attribute value of a model: either a static value or, when it starts with {@code =}, a FEEL
 * expression parsed once at deployment.
 */
public final class Expression {
  private final String text;
  private final ParsedExpression parsed;

  Expression(String text, ParsedExpression parsed) {
    this.text = text;
    this.parsed = parsed;
  }

  public static Expression ofStatic(String value) {
    return new Expression(value, null);
  }

  public boolean isFeel() {
    return parsed != null;
  }

  /** The text as written in the model (with the leading {@code =} for FEEL). */
  public String text() {
    return text;
  }

  ParsedExpression parsed() {
    return parsed;
  }

  @Override
  public String toString() {
    return text;
  }
}

package cn.relief.engine.feel;

/** The value of an expression, or why it could not be evaluated (which becomes an incident). */
public record EvaluationResult(Object value, String failure) {
  public static EvaluationResult success(Object value) {
    return new EvaluationResult(value, null);
  }

  public static EvaluationResult failure(String message) {
    return new EvaluationResult(null, message);
  }

  public boolean isFailure() {
    return failure != null;
  }
}

package cn.relief.engine.form;

/** A {@code .form} resource that is not a usable form-js schema; the message says why. */
public final class FormSchemaException extends RuntimeException {
  public FormSchemaException(String message) {
    super(message);
  }
}

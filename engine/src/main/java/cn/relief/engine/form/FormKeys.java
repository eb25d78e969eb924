package cn.relief.engine.form;

/**
 * A user task's form key is either the key of a deployed form (a number, set when the task links a
 * form by id) or a BPMN {@code formKey} text the engine does not resolve; only the first is a form
 * the engine can return or validate against.
 */
public final class FormKeys {
  private FormKeys() {}

  /** The deployed form's key, or null when the text is no such key. */
  public static Long deployed(String formKey) {
    return formKey != null && formKey.matches("\\d+") ? Long.valueOf(formKey) : null;
  }
}

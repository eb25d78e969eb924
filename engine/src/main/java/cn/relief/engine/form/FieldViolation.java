package cn.relief.engine.form;

/**
 * A submitted value that breaks a rule of the form.
 *
 * @param field where the value sits, e.g. {@code idNumber} or {@code relatives[1].phone}
 * @param label the field's label in the form, if it has one
 * @param message what is wrong, in a sentence
 */
public record FieldViolation(String field, String label, String message) {}

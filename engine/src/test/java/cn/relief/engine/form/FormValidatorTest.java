package cn.relief.engine.form;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The form's own rules, checked on the server as the browser checked them. */
class FormValidatorTest {
  /** A registration form as policy staff would draw it in the form-js editor. */
  private static final String REGISTRATION = """
      {
        "id": "relief-registration", "type": "default", "schemaVersion": 16,
        "components": [
          {"type": "text", "text": "# 受助人员登记"},
          {"type": "textfield", "key": "name", "label": "姓名", "validate": {"required": true, "minLength": 2, "maxLength": 20}},
          {"type": "textfield", "key": "idNumber", "label": "身份证号", "validate": {"pattern": "^[0-9]{17}[0-9X]$"}},
          {"type": "number", "key": "age", "label": "年龄", "validate": {"min": 0, "max": 120}},
          {"type": "select", "key": "sex", "label": "性别", "values": [{"label": "男", "value": "M"}, {"label": "女", "value": "F"}],
           "validate": {"required": true}},
          {"type": "checklist", "key": "needs", "label": "需求", "values": [{"label": "医疗", "value": "medical"}, {"label": "返乡", "value": "return"}]},
          {"type": "textfield", "key": "guardianPhone", "label": "监护人电话", "validate": {"validationType": "phone"}},
          {"type": "textfield", "key": "email", "validate": {"validationType": "email"}},
          {"type": "checkbox", "key": "consent", "label": "同意", "validate": {"required": true}},
          {"type": "textfield", "key": "shelter", "conditional": {"hide": "=not(minor)"}, "validate": {"required": true}},
          {"type": "group", "path": "address", "components": [
            {"type": "textfield", "key": "city", "label": "城市", "validate": {"required": true}}
          ]},
          {"type": "dynamiclist", "path": "relatives", "components": [
            {"type": "textfield", "key": "phone", "label": "电话", "validate": {"required": true, "validationType": "phone"}}
          ]},
          {"type": "button", "action": "submit", "label": "提交"}
        ]
      }""";

  private final FormSchema form = FormSchema.parse(REGISTRATION.getBytes(StandardCharsets.UTF_8));

  @Test
  void readsTheInputsWithTheirPathsAndLeavesLayoutOut() {
    assertThat(form.id()).isEqualTo("relief-registration");
    assertThat(form.fields()).extracting(FormField::name).containsExactly("name", "idNumber", "age", "sex", "needs",
        "guardianPhone", "email", "consent", "shelter", "address.city", "relatives");
  }

  @Test
  void aDateFieldIsNamedByItsDateLabel() throws Exception {
    FormSchema dates = FormSchema.parse("""
        {"id": "dates", "components": [
          {"type": "datetime", "key": "entryDate", "subtype": "date", "dateLabel": "入站日期", "validate": {"required": true}}
        ]}""".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(FormValidator.validate(dates, Map.of())).extracting(FieldViolation::field, FieldViolation::label)
        .containsExactly(tuple("entryDate", "入站日期"));
  }

  @Test
  void aCompleteAndValidSubmissionPasses() {
    assertThat(FormValidator.validate(form, valid())).isEmpty();
  }

  @Test
  void eachBrokenRuleNamesItsField() {
    Map<String, Object> submitted = Map.of(
        "name", "张", "idNumber", "11010119900307123", "age", 130, "sex", "X", "needs", List.of("medical", "money"),
        "guardianPhone", "call me", "email", "nobody", "consent", false,
        "address", Map.of("city", " "),
        "relatives", List.of(Map.of("phone", "+86 138 0000 0000"), Map.of("phone", "")));
    assertThat(FormValidator.validate(form, submitted)).extracting(FieldViolation::field, FieldViolation::message)
        .containsExactly(
            tuple("name", "expected at least 2 characters, but got 1"),
            tuple("idNumber", "expected to match the pattern ^[0-9]{17}[0-9X]$"),
            tuple("age", "expected at most 120, but got 130"),
            tuple("sex", "expected one of [M, F], but got X"),
            tuple("needs", "expected one of [medical, return], but got money"),
            tuple("guardianPhone", "expected a phone number"),
            tuple("email", "expected an e-mail address"),
            tuple("consent", "is required"),
            tuple("address.city", "is required"),
            tuple("relatives[1].phone", "is required"));
    assertThat(FormValidator.validate(form, submitted).get(0).label()).isEqualTo("姓名");
  }

  @Test
  void missingRequiredValuesAreReportedAndOptionalOnesMayBeLeftOut() {
    assertThat(FormValidator.validate(form, Map.of())).extracting(FieldViolation::field)
        .containsExactly("name", "sex", "consent", "address.city");
  }

  @Test
  void numbersAsTextAndLongNamesCountedInCharacters() {
    Map<String, Object> submitted = new java.util.HashMap<>(valid());
    submitted.put("age", "45");
    submitted.put("name", "欧阳娜娜"); // four characters, twelve bytes
    assertThat(FormValidator.validate(form, submitted)).isEmpty();
    submitted.put("age", "forty");
    assertThat(FormValidator.validate(form, submitted)).extracting(FieldViolation::message)
        .containsExactly("expected a number, but got forty");
  }

  @Test
  void aResourceThatIsNotAFormSaysWhy() {
    assertThatThrownBy(() -> FormSchema.parse("{\"components\": []}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormSchemaException.class).hasMessageContaining("'id'");
    assertThatThrownBy(() -> FormSchema.parse("{\"id\": \"f\"".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormSchemaException.class).hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> FormSchema.parse("{\"id\": \"f\"}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(FormSchemaException.class).hasMessageContaining("'components'");
  }

  private static Map<String, Object> valid() {
    return Map.of("name", "张三", "idNumber", "11010119900307123X", "age", 45, "sex", "M",
        "needs", List.of("return"), "guardianPhone", "+86 138-0000-0000", "email", "zhang@example.cn", "consent", true,
        "address", Map.of("city", "杭州"), "relatives", List.of(Map.of("phone", "0571 8888 8888")));
  }
}

package cn.relief.forms;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.form.FieldViolation;
import cn.relief.engine.form.FormField;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.form.FormValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every form parses as the engine parses it at deployment, and its rules refuse what they should. */
class FormSchemasTest {
  private static final Path FORMS = Path.of("src", "main", "resources", "forms");

  private static Map<String, FormSchema> forms() throws IOException {
    Map<String, FormSchema> forms = new TreeMap<>();
    try (Stream<Path> files = Files.list(FORMS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".form")).toList()) {
        forms.put(file.getFileName().toString(), FormSchema.parse(Files.readAllBytes(file)));
      }
    }
    return forms;
  }

  private static FormSchema form(String id) throws IOException {
    return forms().get(id + ".form");
  }

  @Test
  void everyFormParsesAndIsNamedAfterItsId() throws IOException {
    Map<String, FormSchema> forms = forms();
    assertThat(forms).hasSizeGreaterThanOrEqualTo(12);
    forms.forEach((file, form) -> {
      assertThat(file).isEqualTo(form.id() + ".form");
      assertThat(form.fields()).as(file).isNotEmpty();
    });
  }

  @Test
  void everyFieldHasAChineseLabel() throws IOException {
    forms().forEach((file, form) -> {
      for (FormField field : form.fields()) {
        // date fields carry their label as 'dateLabel', which the engine does not read
        if (!"datetime".equals(field.type())) {
          assertThat(field.label()).as(file + " " + field.name()).isNotNull().containsPattern("\\p{IsHan}");
        }
      }
    });
  }

  @Test
  void theIdNumberFieldsUseTheSamePatternAsTheValidator() throws IOException {
    for (String formId : List.of("relief-registration", "relief-departure")) {
      FormSchema form = form(formId);
      long idFields = form.fields().stream().filter(f -> f.name().endsWith("IdNumber") || f.name().equals("idNumber"))
          .peek(f -> assertThat(f.pattern()).isEqualTo(ResidentIdNumber.PATTERN)).count();
      assertThat(idFields).as(formId).isEqualTo(1);
    }
  }

  private static Map<String, Object> registration() {
    Map<String, Object> values = new HashMap<>();
    values.put("fullName", "张三");
    values.put("idNumber", "11010519491231002X");
    values.put("gender", "MALE");
    values.put("age", 76);
    values.put("cause", "VAGRANCY_OR_BEGGING");
    values.put("livingByVagrancyOrBegging", true);
    return values;
  }

  @Test
  void aCompleteRegistrationPasses() throws IOException {
    assertThat(FormValidator.validate(form("relief-registration"), registration())).isEmpty();
    Map<String, Object> withoutId = registration();
    withoutId.remove("idNumber"); // people who cannot or will not give it are still registered
    assertThat(FormValidator.validate(form("relief-registration"), withoutId)).isEmpty();
  }

  @Test
  void aRegistrationWithABadIdNumberIsRefused() throws IOException {
    for (String bad : List.of("11010519491231002", "110105194912310021X", "11010519491331002X", "A1010519491231002X",
        "01010519491231002X")) {
      Map<String, Object> values = registration();
      values.put("idNumber", bad);
      List<FieldViolation> violations = FormValidator.validate(form("relief-registration"), values);
      assertThat(violations).as(bad).extracting(FieldViolation::field).containsExactly("idNumber");
    }
  }

  @Test
  void aRegistrationMissingRequiredFieldsOrOutOfRangeIsRefused() throws IOException {
    Map<String, Object> values = registration();
    values.remove("fullName");
    values.put("gender", "UNKNOWN");
    values.put("age", 200);
    values.put("cause", "");
    assertThat(FormValidator.validate(form("relief-registration"), values)).extracting(FieldViolation::field)
        .containsExactlyInAnyOrder("fullName", "gender", "age", "cause");
  }

  @Test
  void theIntakeAsksForTheHandoverFormOnlyForPoliceEscorts() throws IOException {
    FormSchema intake = form("relief-intake");
    Map<String, Object> values = new HashMap<>(Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"));
    assertThat(FormValidator.validate(intake, values)).isEmpty();
    values.put("province", "广东");
    assertThat(FormValidator.validate(intake, values)).extracting(FieldViolation::field).containsExactly("province");
    values.put("intakeChannel", "TAXI");
    values.put("province", "广西壮族自治区");
    assertThat(FormValidator.validate(intake, values)).extracting(FieldViolation::field).containsExactly("intakeChannel");
  }

  @Test
  void departureAndClosureRulesHold() throws IOException {
    Map<String, Object> departure = new HashMap<>(Map.of("departureKind", "RETURN_HOME", "departureDate", "2026-11-30"));
    assertThat(FormValidator.validate(form("relief-departure"), departure)).isEmpty();
    departure.put("departureKind", "RELEASED");
    departure.put("collectorIdNumber", "123");
    assertThat(FormValidator.validate(form("relief-departure"), departure)).extracting(FieldViolation::field)
        .containsExactlyInAnyOrder("departureKind", "collectorIdNumber");
    assertThat(FormValidator.validate(form("relief-closure"), Map.of("recordsComplete", false)))
        .extracting(FieldViolation::field).containsExactly("recordsComplete");
    assertThat(FormValidator.validate(form("tracing-notice"), Map.of("noticeText", "太短", "noticeChannels", List.of())))
        .extracting(FieldViolation::field).containsExactlyInAnyOrder("noticeText", "noticeChannels");
  }
}

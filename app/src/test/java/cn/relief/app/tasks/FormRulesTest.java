package cn.relief.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The task forms' rules checked on the server, with the real forms of module {@code forms}. */
class FormRulesTest {
  private static JsonNode form(String id) throws Exception {
    try (InputStream in = FormRulesTest.class.getResourceAsStream("/forms/" + id + ".form")) {
      return new ObjectMapper().readTree(in);
    }
  }

  private static List<String> codes(List<FormRules.Problem> problems) {
    return problems.stream().map(p -> p.field() + " " + p.code()).toList();
  }

  @Test
  void theIntakeNeedsItsChannelAndAProvinceByItsPatternButNotAHiddenFieldsValue() throws Exception {
    JsonNode intake = form("relief-intake");
    assertThat(codes(FormRules.check(intake, Map.of("province", "广东"))))
        .containsExactly("intakeChannel tasks.field.required", "province tasks.field.pattern");
    // the police hand-over number is hidden unless the police brought the person: the browser's to check
    assertThat(FormRules.check(intake, Map.of("intakeChannel", "SELF_REFERRAL", "province", "广东省"))).isEmpty();
    assertThat(codes(FormRules.check(intake, Map.of("intakeChannel", "BY_BUS", "province", "广东省"))))
        .containsExactly("intakeChannel tasks.field.option");
    assertThat(FormRules.keys(intake)).containsExactly("intakeChannel", "policeHandoverFormNo", "province", "intakeNote");
  }

  @Test
  void anIdNumberOfTheRightShapeWithAWrongCheckCharacterIsRefusedAndLengthsAndNumbersAreChecked() throws Exception {
    JsonNode registration = form("relief-registration");
    Map<String, Object> values = new HashMap<>(Map.of("fullName", "张三", "idNumber", "110105194912310021",
        "gender", "MALE", "age", 45, "cause", "VAGRANCY_OR_BEGGING"));
    assertThat(codes(FormRules.check(registration, values))).contains("idNumber tasks.field.idNumber");
    values.put("idNumber", "11010519491231002X");
    assertThat(codes(FormRules.check(registration, values))).noneMatch(c -> c.startsWith("idNumber"));
    values.put("idNumber", "1101051949");
    assertThat(codes(FormRules.check(registration, values))).contains("idNumber tasks.field.minLength");
    values.put("age", -1);
    FormRules.Problem age = FormRules.check(registration, values).stream().filter(p -> p.field().equals("age"))
        .findFirst().orElseThrow();
    assertThat(age.code()).isEqualTo("tasks.field.min");
    assertThat(age.args()).containsExactly("0");
  }

  @Test
  void aReadOnlyFieldIsNotAmongTheKeysACompletionMaySet() throws Exception {
    // the agency is shown on its opinion, not chosen: one agency may not file under another's name
    assertThat(FormRules.keys(form("joint-opinion"))).doesNotContain("agency").isNotEmpty();
  }

  @Test
  void theLabelsNameTheFieldsByKey() throws Exception {
    assertThat(FormRules.labels(form("relief-registration"))).containsEntry("idNumber", "公民身份号码");
  }
}

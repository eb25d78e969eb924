package cn.relief.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's refusals of a completion, put on the form's fields. */
class CompletionRefusalTest {
  private static final Map<String, String> LABELS =
      Map.of("fullName", "姓名", "idNumber", "公民身份号码", "guardianIdNumber", "监护人公民身份号码");

  @Test
  void aTaskListenersDenialGoesToTheFieldItsReasonNames() {
    String reason = "填写的公民身份号码无效（校验位或出生日期不正确），请核对后重新填写"
        + " / The identity number entered is invalid (check character or birth date); please check it";
    assertThat(CompletionRefusal.byField("Command 'COMPLETE' rejected: " + reason, LABELS))
        .containsExactly(Map.entry("idNumber", "Command 'COMPLETE' rejected: " + reason));
    // the longest label that fits: the guardian's number is not the person's
    assertThat(CompletionRefusal.byField("监护人公民身份号码无效", LABELS)).containsOnlyKeys("guardianIdNumber");
  }

  @Test
  void aRejectionByTheFormsRulesNamesEachField() {
    assertThat(CompletionRefusal.byField("Expected the submitted variables to satisfy form 'relief-registration', "
        + "but 2 field(s) do not: fullName (姓名): is required; relatives[1].phone: expected a phone number", LABELS))
        .containsExactly(Map.entry("fullName", "is required"), Map.entry("relatives", "expected a phone number"));
  }

  @Test
  void aReasonNamingNoFieldBelongsToTheWholeForm() {
    assertThat(CompletionRefusal.byField("the case was closed meanwhile", LABELS))
        .containsOnlyKeys(CompletionRefusal.WHOLE_FORM);
  }
}

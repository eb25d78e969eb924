package cn.relief.app.keypersons;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyPersonFormTest {
  private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

  private static KeyPersonForm form() {
    KeyPersonForm form = new KeyPersonForm();
    form.setName("周桂兰");
    form.setIdNumber("440106194803120027");
    form.setSex("FEMALE");
    form.setBirthYear("1948");
    form.setRisk("DEMENTIA");
    form.setGuardianName("张明");
    form.setGuardianRelation("儿子");
    form.setGuardianPhone("13900000000");
    form.setConsent(true);
    form.setConsentDate("2026-11-01");
    return form;
  }

  @Test
  void aCompleteFormWithConsentIsTaken() {
    KeyPersonForm.Checked checked = form().check(TODAY);
    assertThat(checked.errors()).isEmpty();
    assertThat(checked.person().risk()).isEqualTo(Risk.DEMENTIA);
    assertThat(checked.person().birthYear()).isEqualTo(1948);
    assertThat(checked.person().consentDate()).isEqualTo(LocalDate.of(2026, 11, 1));
  }

  @Test
  void withoutConsentNobodyIsRegistered() {
    KeyPersonForm form = form();
    form.setConsent(false);
    assertThat(form.check(TODAY).errors()).containsExactly(Map.entry("consent", "keypersons.error.consent"));
    assertThat(form.check(TODAY).person()).isNull();
  }

  @Test
  void eachProblemIsNamed() {
    KeyPersonForm form = form();
    form.setIdNumber("440106194803120028");
    form.setSex("X");
    form.setBirthYear("1850");
    form.setRisk("LAZY");
    form.setGuardianPhone("call the son");
    form.setConsentDate("2026-12-24");
    assertThat(form.check(TODAY).errors()).containsEntry("idNumber", "keypersons.error.idNumber")
        .containsEntry("sex", "keypersons.error.choice").containsEntry("birthYear", "keypersons.error.birthYear")
        .containsEntry("risk", "keypersons.error.choice").containsEntry("guardianPhone", "keypersons.error.phone")
        .containsEntry("consentDate", "keypersons.error.consentDate");
  }
}

package cn.relief.app.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.reports.AgeGroup;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FindingFormTest {
  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void whoAcceptsHelpNeedsNoAdviceAndTheFindingBecomesADiscovery() {
    FindingForm.Checked checked = new FindingForm(" 天河公园南门 ", "女，约30岁，带着孩子", "female", "ADULT", true, false,
        true, "", "23.1256", "113.3651").check(7, "li.caseworker", NOW);
    assertThat(checked.ok()).isTrue();
    assertThat(checked.finding().discovery()).containsEntry("location", "天河公园南门").containsEntry("acceptsHelp", true)
        .containsEntry("needsMedicalCare", true).containsEntry("apparentSex", "FEMALE").containsEntry("latitude", 23.1256)
        .doesNotContainKey("adviceGiven");
  }

  @Test
  void whoRefusesNeedsTheAdviceGivenUnlessAMinor() {
    FindingForm refusal = new FindingForm("东门", "男，约50岁", "MALE", "ADULT", false, false, false, " ", null, null);
    assertThat(refusal.check(7, "li", NOW).errors()).containsEntry("adviceGiven", "patrol.error.adviceGiven.short");
    FindingForm minor = new FindingForm("东门", "男孩，约12岁", "MALE", "MINOR", false, false, false, null, null, null);
    FindingForm.Checked checked = minor.check(7, "li", NOW);
    assertThat(checked.ok()).isTrue();
    assertThat(checked.finding().isMinor()).as("looks a minor: taken in").isTrue();
    assertThat(checked.finding().ageGroup()).isEqualTo(AgeGroup.MINOR);
  }

  @Test
  void eachProblemIsNamedByItsField() {
    FindingForm.Checked checked = new FindingForm("x", "短", "ALIEN", "OLD", true, false, false, null, "91", "abc")
        .check(7, "li", NOW);
    assertThat(checked.errors()).containsEntry("locationText", "patrol.error.locationText.short")
        .containsEntry("description", "patrol.error.description.short").containsEntry("sex", "patrol.error.choice")
        .containsEntry("ageGroup", "patrol.error.choice").containsEntry("place", "patrol.error.place");
    assertThat(new FindingForm("南门", "男，约60岁\u0000", null, null, true, false, false, null, null, null)
        .check(7, "li", NOW).errors()).containsEntry("description", "patrol.error.control");
  }
}

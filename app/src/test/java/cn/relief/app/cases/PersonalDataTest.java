package cn.relief.app.cases;

import static cn.relief.app.cases.CaseAccessTest.CENTRE;
import static cn.relief.app.cases.CaseAccessTest.TIANHE;
import static cn.relief.app.cases.CaseAccessTest.user;
import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.security.ReliefRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataTest {
  final CaseAccess access = new CaseAccess(CENTRE);
  final PersonalData personalData = new PersonalData(access);
  final CaseScope escalated = access.scope(TIANHE, true);

  static final Map<String, Object> ADULT = Map.of("fullName", "王某", "age", 40, "idNumber", "440106199001011234",
      "shelterLocation", "庇护点甲", "photoDocumentId", "doc-1",
      "escort", Map.of("guardianIdNumber", "440106196001011230"), "cause", "务工不着");

  @Test
  void theStationWorkingOnTheCaseSeesEverything() {
    assertThat(personalData.visibleTo(user(ReliefRole.CASEWORKER, TIANHE), escalated, ADULT)).isEqualTo(ADULT);
  }

  @Test
  void theCentreSeesTheIdentityButNotTheShelter() {
    Map<String, Object> seen = personalData.visibleTo(user(ReliefRole.REGIONAL_CENTRE, CENTRE), escalated, ADULT);
    assertThat(seen).containsEntry("idNumber", "440106199001011234").containsEntry("fullName", "王某")
        .containsEntry("shelterLocation", PersonalData.HIDDEN);
  }

  @Test
  void anAuditorSeesMaskedIdNumbersAtAnyDepthNoPhotoNoShelter() {
    Map<String, Object> seen = personalData.visibleTo(user(ReliefRole.AUDITOR, "org-city-guangzhou"), escalated, ADULT);
    assertThat(seen).containsEntry("idNumber", "4401**********1234").containsEntry("fullName", "王某")
        .containsEntry("photoDocumentId", PersonalData.HIDDEN).containsEntry("shelterLocation", PersonalData.HIDDEN)
        .containsEntry("cause", "务工不着").containsEntry("age", 40);
    assertThat(seen.get("escort")).isEqualTo(Map.of("guardianIdNumber", "4401**********1230"));
  }

  @Test
  void aMinorsNameIsHiddenFromThoseWithoutNeedEvenInLists() {
    Map<String, Object> minor = Map.of("fullName", "小明", "age", 12,
        "relatives", List.of(Map.of("guardianName", "明父")), "closeRelatives", "明父 13800000000");
    Map<String, Object> seen = personalData.visibleTo(user(ReliefRole.ADMIN, "org-city-guangzhou"),
        access.scope(TIANHE, false), minor);
    // an administrator repairs cases but needs nobody's identity; the station's caseworker does
    assertThat(seen).containsEntry("fullName", PersonalData.HIDDEN);
    assertThat(personalData.visibleTo(user(ReliefRole.CASEWORKER, TIANHE), access.scope(TIANHE, false), minor))
        .containsEntry("fullName", "小明");
    Map<String, Object> audited = personalData.visibleTo(user(ReliefRole.AUDITOR, null), access.scope(TIANHE, false),
        minor);
    assertThat(audited).containsEntry("fullName", PersonalData.HIDDEN).containsEntry("age", 12)
        .containsEntry("closeRelatives", PersonalData.HIDDEN);
    assertThat(audited.get("relatives")).isEqualTo(List.of(Map.of("guardianName", PersonalData.HIDDEN)));
    assertThat(PersonalData.isMinor(Map.of("minorConfidential", true))).isTrue();
    assertThat(PersonalData.isMinor(Map.of("age", "15"))).isTrue();
    assertThat(PersonalData.isMinor(Map.of("age", "45"))).isFalse();
    assertThat(PersonalData.isMinor(Map.of("birthDate", java.time.LocalDate.now().minusYears(10).toString()))).isTrue();
    assertThat(PersonalData.isMinor(Map.of("birthDate", "1980-01-01"))).isFalse();
  }

  @Test
  void aMaskedValueSentBackIsRecognisedAsOne() {
    assertThat(PersonalData.isMasked(PersonalData.HIDDEN)).isTrue();
    assertThat(PersonalData.isMasked(PersonalData.maskIdNumber("11010519491231002X"))).isTrue();
    assertThat(PersonalData.isMasked("11010519491231002X")).isFalse();
    assertThat(PersonalData.isMasked("张三")).isFalse();
    assertThat(PersonalData.isMasked(12)).isFalse();
    assertThat(PersonalData.isMinor(Map.of("discoveryIsMinor", true))).isTrue();
  }

  @Test
  void shortOrMissingIdNumbersAreHiddenWhole() {
    assertThat(PersonalData.maskIdNumber("1234")).isEqualTo(PersonalData.HIDDEN);
    assertThat(PersonalData.maskIdNumber(null)).isEqualTo(PersonalData.HIDDEN);
  }
}

package cn.relief.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** An audit entry's variables as an auditor sees them, judged with what the case knows of the person. */
class MaskedForViewerTest {
  private final CaseAccess access = new CaseAccess("org-regional-huanan");
  private final PersonalData personalData = new PersonalData(access);
  private final EngineUser auditor = new EngineUser("sun.auditor", "孙审计", List.of(ReliefRole.AUDITOR),
      "org-city-guangzhou", "广州市救助管理站");

  @Test
  void aMinorsNameIsHiddenEvenInAnEntryThatDoesNotSayTheAge() {
    var masked = new MaskedForViewer(personalData, auditor, access.scope("org-station-tianhe", false),
        Map.of("age", 12, "caseNumber", "JZ-1"));

    Map<String, Object> shown = masked.apply(Map.of("fullName", "小明", "idNumber", "11010520141231002X",
        "shelterLocation", "天河区某路 1 号", "belongings", "书包"));

    assertThat(shown).containsOnlyKeys("fullName", "idNumber", "shelterLocation", "belongings")
        .containsEntry("fullName", PersonalData.HIDDEN).containsEntry("idNumber", "1101**********002X")
        .containsEntry("shelterLocation", PersonalData.HIDDEN).containsEntry("belongings", "书包");
  }

  @Test
  void anAdultsNameIsShownAndNoCaseFlagIsAdded() {
    var masked = new MaskedForViewer(personalData, auditor, access.scope("org-station-tianhe", false),
        Map.of("age", 45));

    assertThat(masked.apply(Map.of("fullName", "张三"))).containsExactly(Map.entry("fullName", "张三"));
  }
}

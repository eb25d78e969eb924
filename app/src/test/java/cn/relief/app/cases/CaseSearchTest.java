package cn.relief.app.cases;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.search.enums.ProcessInstanceState;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cases list's search by number or name, state and the day the case started. */
class CaseSearchTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  // 23:30 UTC on 29 November is 30 November in China
  private static final CaseFile CASE = new CaseFile(42L, "JZ-2026-0001", "org-station-tianhe", "天河站",
      ProcessInstanceState.ACTIVE, OffsetDateTime.parse("2026-11-29T23:30:00Z"), null, false,
      CaseScope.ofStation("org-station-tianhe"), Map.of());

  @Test
  void findsByCaseNumberOrVisibleNameStateAndLocalDay() {
    assertThat(new CaseSearch("jz-2026", null, null, null, ZONE).matches(CASE, Map.of())).isTrue();
    assertThat(new CaseSearch("张", null, null, null, ZONE).matches(CASE, Map.of("fullName", "张三"))).isTrue();
    assertThat(new CaseSearch("张", null, null, null, ZONE).matches(CASE, Map.of("fullName", PersonalData.HIDDEN)))
        .isFalse();
    assertThat(new CaseSearch(null, "completed", null, null, ZONE).matches(CASE, Map.of())).isFalse();
    assertThat(new CaseSearch(null, "active", LocalDate.of(2026, 11, 30), LocalDate.of(2026, 11, 30), ZONE)
        .matches(CASE, Map.of())).isTrue();
    assertThat(new CaseSearch(null, null, null, LocalDate.of(2026, 11, 29), ZONE).matches(CASE, Map.of())).isFalse();
  }
}

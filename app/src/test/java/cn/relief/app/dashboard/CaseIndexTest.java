package cn.relief.app.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import cn.relief.app.cases.CaseAccess;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CaseIndexTest {
  private static final CaseAccess ACCESS = new CaseAccess("org-regional-huanan");

  @Test
  void calledAndLinkedProcessesBelongToTheCaseAndItsStation() {
    CaseIndex index = new CaseIndex(
        Map.of(1L, instance(1, "relief-case", null), 2L, instance(2, "family-tracing", 1L),
            3L, instance(3, "domestic-violence-shelter", null), 4L, instance(4, "regional-escalation", null),
            5L, instance(5, "ops-test-incident", null)),
        Map.of(1L, "org-station-tianhe"),
        Map.of(1L, "JZ-1", 3L, "JZ-1", 4L, "JZ-1"),
        Set.of("JZ-1"));
    assertThat(index.rootOf(2)).isEqualTo(1);
    assertThat(index.isCase(index.rootOf(2))).isTrue();
    assertThat(index.stationOf(2)).contains("org-station-tianhe");
    assertThat(index.stationOf(3)).as("the shelter, linked by case number").contains("org-station-tianhe");
    assertThat(index.caseNumberOf(2)).contains("JZ-1");
    assertThat(index.stationOf(5)).isEmpty();
    assertThat(index.scopeOf(ACCESS, 2).involves("org-regional-huanan")).as("escalated").isTrue();
  }

  private static ProcessInstance instance(long key, String processId, Long parent) {
    ProcessInstance instance = mock(ProcessInstance.class);
    when(instance.getProcessInstanceKey()).thenReturn(key);
    when(instance.getProcessDefinitionId()).thenReturn(processId);
    when(instance.getParentProcessInstanceKey()).thenReturn(parent);
    return instance;
  }
}

package cn.relief.workers.assistance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.JobTypes;
import cn.relief.workers.TestJob;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssistanceDispatchWorkerTest {

  private final SimulatedAgencyNotifications notifications =
      new SimulatedAgencyNotifications(SimulationProperties.reliable());
  private final AssistanceDispatchWorker worker = new AssistanceDispatchWorker(notifications);

  private static TestJob job(long elementInstanceKey, Map<String, Object> variables) {
    return new TestJob(elementInstanceKey + 1, JobTypes.ASSISTANCE_DISPATCH, "ServiceTask_assistanceDispatch",
        elementInstanceKey, variables);
  }

  @Test
  void theStationIsToldWhatComesDownAndByWhenItReports() {
    Map<String, Object> variables = Map.of("caseNumber", "JZ-GD-00000005",
        "assistanceKinds", List.of("STAFF", "TRACING_EXPERT"), "assistanceStaff", "王五、赵六",
        "assistanceDueDate", "2026-12-06T10:30:00+08:00", "assistancePlan", "协助寻亲");
    Map<String, Object> first = worker.dispatch(job(11, variables));
    Map<String, Object> again = worker.dispatch(job(11, variables));

    assertThat(first).containsEntry("assistanceDispatchNo", "TZ-000001").isEqualTo(again);
    assertThat(notifications.sent()).singleElement().satisfies(n -> {
      assertThat(n.agency()).isEqualTo("COUNTY_STATION");
      assertThat(n.caseNumber()).isEqualTo("JZ-GD-00000005");
      assertThat(n.details()).containsEntry("assistanceKinds", List.of("STAFF", "TRACING_EXPERT"))
          .containsEntry("assistanceStaff", "王五、赵六")
          .containsEntry("assistanceDueDate", "2026-12-06T10:30:00+08:00");
    });
  }

  @Test
  void aPlanWithoutAnyKindOfAssistanceIsAModellingFault() {
    assertThatThrownBy(() -> worker.dispatch(job(21, Map.of("caseNumber", "JZ-GD-00000005",
        "assistanceKinds", List.of(), "assistanceDueDate", "2026-12-06T10:30:00+08:00"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'assistanceKinds'");
  }
}

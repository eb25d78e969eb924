package cn.relief.workers.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.JobTypes;
import cn.relief.workers.TestJob;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadlineReminderWorkerTest {

  private final SimulatedAgencyNotifications notifications =
      new SimulatedAgencyNotifications(SimulationProperties.reliable());
  private final DeadlineReminderWorker worker = new DeadlineReminderWorker(notifications);

  @Test
  void theStationHeadIsRemindedUnlessTheModelNamesTheRegionalCentre() {
    worker.remind(new TestJob(2, JobTypes.DEADLINE_REMINDER, "ServiceTask_reportReminder", 1,
        Map.of("subject", "下沉协助成效未在规定时限内报告", "caseNumber", "JZ-GD-00000012")));
    worker.remind(new TestJob(4, JobTypes.DEADLINE_REMINDER, "ServiceTask_reportReminder", 3,
        Map.of("subject", "区域性中心未在规定时限内反馈提级办理结果", "caseNumber", "JZ-GX-00000011",
            "reminderRecipient", "regional-centre")));

    assertThat(notifications.sent()).extracting(n -> n.agency())
        .containsExactly("STATION_HEAD", "regional-centre");
  }
}

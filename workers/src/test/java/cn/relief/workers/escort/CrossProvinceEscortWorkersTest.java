package cn.relief.workers.escort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.TestJob;
import cn.relief.workers.notifications.SimulatedAgencyNotifications;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrossProvinceEscortWorkersTest {

  private static Map<String, Object> plan() {
    Map<String, Object> variables = new HashMap<>(Map.of("caseNumber", "JZ-GD-00000101", "province", "广东省",
        "destination", "湖南省邵阳市", "fullName", "李四", "age", 72, "gender", "MALE"));
    variables.putAll(Map.of("receivingProvince", "湖南省", "handoverPoint", "湖南省救助管理站（长沙）",
        "escortDate", "2026-12-05", "escortStaff", "王强、李敏", "vehicle", "粤A·J1234"));
    return variables;
  }

  @Test
  void theReceivingProvincesCivilAffairsIsNotifiedOnce() {
    var notifications = new SimulatedAgencyNotifications(SimulationProperties.reliable());
    var worker = new EscortNotificationWorker(notifications);
    TestJob job = new TestJob(72, "relief.escort-notification", "ServiceTask_notifyReceivingProvince", 71, plan());

    Map<String, Object> out = worker.notifyReceivingProvince(job);
    assertThat(worker.notifyReceivingProvince(job)).isEqualTo(out);

    assertThat(out).containsEntry("escortNotificationNo", "TZ-000001");
    assertThat(notifications.sent()).singleElement().satisfies(n -> {
      assertThat(n.agency()).isEqualTo("湖南省民政厅");
      assertThat(n.subject()).isEqualTo("跨省护送接收通知");
      assertThat(n.details()).containsEntry("handoverPoint", "湖南省救助管理站（长沙）")
          .containsEntry("escortDate", "2026-12-05").containsEntry("province", "广东省");
    });
  }

  @Test
  void theEscortIsBookedToTheHandoverPointOfThePlan() {
    var booking = new SimulatedEscortBooking(SimulationProperties.reliable());
    var worker = new CrossProvinceEscortBookingWorker(booking);
    TestJob job = new TestJob(74, "relief.cross-province-escort-booking", "ServiceTask_bookEscort", 73, plan());

    Map<String, Object> out = worker.book(job);
    assertThat(worker.book(job)).isEqualTo(out);

    assertThat(out).containsEntry("escortBookingNo", "HS-000001").containsEntry("handoverPoint", "湖南省救助管理站（长沙）");
    assertThat(booking.bookings()).isEqualTo(1);
  }

  @Test
  void aPlanWithoutVehicleIsAModellingFault() {
    Map<String, Object> variables = plan();
    variables.remove("vehicle");
    assertThatThrownBy(() -> new CrossProvinceEscortBookingWorker(new SimulatedEscortBooking(
        SimulationProperties.reliable())).book(new TestJob(76, "relief.cross-province-escort-booking",
        "ServiceTask_bookEscort", 75, variables))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'vehicle'");
  }
}

package cn.relief.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.workers.archive.CaseRecords;
import cn.relief.workers.care.CareArrangementService;
import cn.relief.workers.documents.DocumentsProperties;
import cn.relief.workers.documents.FileSystemDocumentStore;
import cn.relief.workers.escort.DepartureTravelService;
import cn.relief.workers.escort.EscortBooking;
import cn.relief.workers.escort.SimulatedEscortBooking;
import cn.relief.workers.simulation.SimulationProperties;
import io.camunda.client.exception.BpmnError;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The business outcomes the workers report as BPMN errors, and what passes. */
class BusinessOutcomesTest {

  private final SimulatedEscortBooking booking = new SimulatedEscortBooking(SimulationProperties.reliable());
  private final DepartureTravelService travel = new DepartureTravelService(booking);

  @Test
  void cashAboveTheProvincesCapIsABusinessOutcomeAndBooksNothing() {
    assertThatThrownBy(() -> travel.returnTicket("ServiceTask_returnTicket/1", "JZ-1", "本市某区",
        new BigDecimal("35"), new BigDecimal("20")))
        .isInstanceOfSatisfying(BusinessOutcome.class, outcome -> {
          assertThat(outcome.errorCode()).isEqualTo(ErrorCodes.RETURN_FARE_CASH_ABOVE_CAP);
          BpmnError error = outcome.toBpmnError();
          assertThat(error.getErrorCode()).isEqualTo("RETURN_FARE_CASH_ABOVE_CAP");
          assertThat(error.getErrorMessage()).contains("35", "20");
        });
    assertThat(booking.bookings()).isZero();
  }

  @Test
  void cashWithinTheCapBooksOnce() {
    var first = travel.returnTicket("ServiceTask_returnTicket/2", "JZ-2", "本市某区", new BigDecimal("20"),
        new BigDecimal("20"));
    var retry = travel.returnTicket("ServiceTask_returnTicket/2", "JZ-2", "本市某区", new BigDecimal("20"),
        new BigDecimal("20"));
    assertThat(retry).isEqualTo(first);
    assertThat(first.bookingNo()).startsWith("CP-");
    assertThat(booking.bookings()).isEqualTo(1);
  }

  @Test
  void aCrossProvinceEscortGoesToTheHandoverPoint() {
    var escort = travel.escort("ServiceTask_escort/3",
        new EscortBooking.EscortRequest("JZ-3", "河南", true, null, null));
    assertThat(escort.handoverPoint()).isEqualTo("河南省际交接点");
  }

  @Test
  void aCollectorWithoutIdNumberIsABusinessOutcome() {
    assertThatThrownBy(() -> travel.escort("ServiceTask_escort/4",
        new EscortBooking.EscortRequest("JZ-4", "河南", false, "王某", " ")))
        .isInstanceOfSatisfying(BusinessOutcome.class,
            outcome -> assertThat(outcome.errorCode()).isEqualTo(ErrorCodes.COLLECTOR_REQUIRED));
  }

  @Test
  void incompleteRecordsAreNotArchived(@TempDir Path folder) {
    var records = new CaseRecords(new FileSystemDocumentStore(new DocumentsProperties(folder)));

    assertThatThrownBy(() -> records.archive("ServiceTask_archive/5", "JZ-5", false, Map.of()))
        .isInstanceOfSatisfying(BusinessOutcome.class,
            outcome -> assertThat(outcome.errorCode()).isEqualTo(ErrorCodes.RECORDS_INCOMPLETE));
    assertThat(records.archive("ServiceTask_archive/5", "JZ-5", true, Map.of("closureNote", "结案")))
        .isEqualTo("JZ-5/ServiceTask_archive_5-archive.json");
  }

  @Test
  void separateQuartersAreKept() {
    var care = new CareArrangementService();
    assertThat(care.arrange("FEMALE_AREA", "FEMALE", 40)).isEqualTo("FEMALE_AREA");
    assertThat(care.arrange("SPECIAL_CARE", "MALE", 12)).isEqualTo("SPECIAL_CARE");
    assertThat(care.arrange("MINOR_AREA", "MALE", 12)).isEqualTo("MINOR_AREA");
    for (var wrong : new Object[][] {{"MALE_AREA", "FEMALE", 30}, {"FEMALE_AREA", "MALE", 30},
        {"FEMALE_AREA", "FEMALE", 15}, {"MINOR_AREA", "MALE", 40}}) {
      assertThatThrownBy(() -> care.arrange((String) wrong[0], (String) wrong[1], (Integer) wrong[2]))
          .isInstanceOfSatisfying(BusinessOutcome.class,
              outcome -> assertThat(outcome.errorCode()).isEqualTo(ErrorCodes.ACCOMMODATION_RULE_VIOLATED));
    }
  }
}

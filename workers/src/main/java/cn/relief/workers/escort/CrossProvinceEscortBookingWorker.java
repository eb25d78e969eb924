package cn.relief.workers.escort;

import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * 跨省护送 of the regional centre ({@code cross-province-escort}): books the staff and vehicle of the
 * centre's plan to the hand-over point the receiving province set. The departure escort of a station
 * ({@code relief.escort-request}) keeps its own contract.
 */
@Component
public class CrossProvinceEscortBookingWorker {

  private final EscortBooking booking;

  CrossProvinceEscortBookingWorker(EscortBooking booking) {
    this.booking = booking;
  }

  @JobWorker(type = JobTypes.CROSS_PROVINCE_ESCORT_BOOKING)
  public Map<String, Object> book(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var escort = new EscortBooking.CrossProvinceEscort(in.requiredString("caseNumber"),
        in.requiredString("receivingProvince"), in.requiredString("handoverPoint"), in.requiredString("escortDate"),
        in.requiredString("escortStaff"), in.requiredString("vehicle"));
    var booked = booking.bookCrossProvinceEscort(IdempotencyKeys.of(job), escort);
    return Map.of("escortBookingNo", booked.bookingNo(), "handoverPoint", booked.handoverPoint());
  }
}

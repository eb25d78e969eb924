package cn.relief.workers.escort;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.HashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class EscortRequestWorker {

  private final DepartureTravelService travel;

  EscortRequestWorker(DepartureTravelService travel) {
    this.travel = travel;
  }

  @JobWorker(type = JobTypes.ESCORT_REQUEST)
  public Map<String, Object> book(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    var request = new EscortBooking.EscortRequest(in.string("caseNumber"), in.requiredString("destination"),
        in.flag("crossProvinceEscort"), in.string("collectorName"), in.string("collectorIdNumber"));
    try {
      var booking = travel.escort(IdempotencyKeys.of(job), request);
      Map<String, Object> out = new HashMap<>();
      out.put("escortBookingNo", booking.bookingNo());
      out.put("handoverPoint", booking.handoverPoint());
      return out;
    } catch (BusinessOutcome outcome) {
      throw outcome.toBpmnError();
    }
  }
}

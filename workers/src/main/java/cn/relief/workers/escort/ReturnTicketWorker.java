package cn.relief.workers.escort;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.JobTypes;
import cn.relief.workers.job.IdempotencyKeys;
import cn.relief.workers.job.JobVariables;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.api.response.ActivatedJob;
import java.util.Map;
import org.springframework.stereotype.Component;

@Component
public class ReturnTicketWorker {

  private final DepartureTravelService travel;

  ReturnTicketWorker(DepartureTravelService travel) {
    this.travel = travel;
  }

  @JobWorker(type = JobTypes.RETURN_TICKET)
  public Map<String, Object> book(ActivatedJob job) {
    JobVariables in = new JobVariables(job.getType(), job.getVariablesAsMap());
    try {
      var booking = travel.returnTicket(IdempotencyKeys.of(job), in.string("caseNumber"),
          in.requiredString("destination"), in.decimal("cashAmount"), in.decimal("returnFareCashCap"));
      return Map.of("ticketBookingNo", booking.bookingNo());
    } catch (BusinessOutcome outcome) {
      throw outcome.toBpmnError();
    }
  }
}

package cn.relief.workers.escort;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.ErrorCodes;
import java.math.BigDecimal;
import org.springframework.stereotype.Service;

/** The rules of departure travel, in front of the booking service. */
@Service
public class DepartureTravelService {

  private final EscortBooking booking;

  public DepartureTravelService(EscortBooking booking) {
    this.booking = booking;
  }

  /**
   * A ticket home; cash is given only for short local fares, up to the province's cap (*local*,
   * from the decision table time-limits), against a receipt.
   *
   * @throws BusinessOutcome {@link ErrorCodes#RETURN_FARE_CASH_ABOVE_CAP}
   */
  public EscortBooking.Booking returnTicket(String idempotencyKey, String caseNumber, String destination,
      BigDecimal cashAmount, BigDecimal cashCap) {
    if (cashAmount != null && cashCap != null && cashAmount.compareTo(cashCap) > 0) {
      throw new BusinessOutcome(ErrorCodes.RETURN_FARE_CASH_ABOVE_CAP,
          "Cash for the fare " + cashAmount.toPlainString() + " yuan exceeds the cap of "
              + cashCap.toPlainString() + " yuan for short local fares");
    }
    return booking.bookTicket(idempotencyKey, caseNumber, destination);
  }

  /**
   * An escort home: relatives collecting (with ID checked) or an escort to the hand-over point.
   *
   * @throws BusinessOutcome {@link ErrorCodes#COLLECTOR_REQUIRED} when a collector's name is given
   *     without an ID number (the collector's ID must be checked and copied)
   */
  public EscortBooking.Booking escort(String idempotencyKey, EscortBooking.EscortRequest request) {
    boolean named = request.collectorName() != null && !request.collectorName().isBlank();
    boolean identified = request.collectorIdNumber() != null && !request.collectorIdNumber().isBlank();
    if (named && !identified) {
      throw new BusinessOutcome(ErrorCodes.COLLECTOR_REQUIRED,
          "The collector named for the departure has no ID number recorded: it must be checked and copied");
    }
    return booking.bookEscort(idempotencyKey, request);
  }
}

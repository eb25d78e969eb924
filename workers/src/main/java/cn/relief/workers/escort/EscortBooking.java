package cn.relief.workers.escort;

/**
 * Travel for departures: tickets home (购票返乡) and escorts (接送返乡, 跨省护送 to the hand-over point
 * the destination province sets). In production the agencies' booking service.
 */
public interface EscortBooking {

  Booking bookTicket(String idempotencyKey, String caseNumber, String destination);

  Booking bookEscort(String idempotencyKey, EscortRequest request);

  record EscortRequest(String caseNumber, String destination, boolean crossProvince,
      String collectorName, String collectorIdNumber) {}

  /** @param handoverPoint where the person is handed over; null for a ticket */
  record Booking(String bookingNo, String handoverPoint) {}
}

package cn.relief.workers.escort;

/**
 * Travel for departures: tickets home (购票返乡) and escorts (接送返乡, 跨省护送 to the hand-over point
 * the destination province sets). In production the agencies' booking service.
 */
public interface EscortBooking {

  Booking bookTicket(String idempotencyKey, String caseNumber, String destination);

  Booking bookEscort(String idempotencyKey, EscortRequest request);

  /**
   * A cross-province escort the regional centre planned: its staff and vehicle on the date, to the
   * hand-over point the receiving province set; the booking keeps that point.
   */
  Booking bookCrossProvinceEscort(String idempotencyKey, CrossProvinceEscort escort);

  record EscortRequest(String caseNumber, String destination, boolean crossProvince,
      String collectorName, String collectorIdNumber) {}

  record CrossProvinceEscort(String caseNumber, String receivingProvince, String handoverPoint,
      String escortDate, String escortStaff, String vehicle) {}

  /** @param handoverPoint where the person is handed over; null for a ticket */
  record Booking(String bookingNo, String handoverPoint) {}
}

package cn.relief.workers.escort;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in: tickets {@code CP-<n>}, escorts {@code HS-<n>}; a cross-province escort is
 * handed over at {@code <destination>省际交接点}, one inside the province at the destination's relief
 * station; an escort the regional centre planned keeps the hand-over point of its plan.
 */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedEscortBooking implements EscortBooking {

  private final IdempotentCalls<Booking> calls;
  private final AtomicLong serial = new AtomicLong();

  public SimulatedEscortBooking(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("escort booking", properties);
  }

  @Override
  public Booking bookTicket(String idempotencyKey, String caseNumber, String destination) {
    return calls.call(idempotencyKey, () -> new Booking("CP-%06d".formatted(serial.incrementAndGet()), null));
  }

  @Override
  public Booking bookEscort(String idempotencyKey, EscortRequest request) {
    return calls.call(idempotencyKey, () -> new Booking("HS-%06d".formatted(serial.incrementAndGet()),
        request.crossProvince() ? request.destination() + "省际交接点" : request.destination() + "救助管理站"));
  }

  @Override
  public Booking bookCrossProvinceEscort(String idempotencyKey, CrossProvinceEscort escort) {
    return calls.call(idempotencyKey, () -> new Booking("HS-%06d".formatted(serial.incrementAndGet()),
        escort.handoverPoint()));
  }

  public int bookings() {
    return calls.effects();
  }
}

package cn.relief.workers.hukou;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** In-process stand-in: registers at once, entries {@code JTHK-<n>} at the institution's address. */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedPoliceHukouRegistry implements PoliceHukouRegistry {

  private final IdempotentCalls<Registration> calls;
  private final AtomicLong serial = new AtomicLong();

  public SimulatedPoliceHukouRegistry(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("police hukou registry", properties);
  }

  @Override
  public Registration register(String idempotencyKey, CollectiveHukouRequest request) {
    if (request.approvalNo() == null || request.approvalNo().isBlank()) {
      throw new IllegalArgumentException("Expected the approval number of the placement plan for case "
          + request.caseNumber() + ": the police register only an approved resettlement");
    }
    return calls.call(idempotencyKey, () -> new Registration("JTHK-%08d".formatted(serial.incrementAndGet()),
        request.hukouAddress()));
  }

  public int registrations() {
    return calls.effects();
  }
}

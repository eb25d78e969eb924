package cn.relief.workers.registration;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in for the national system: case numbers {@code JZ-<province>-<serial>} with a
 * serial that counts registrations, so the n-th registration of a run has a predictable number.
 */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedNationalReliefSystem implements NationalReliefSystem {

  private final IdempotentCalls<String> calls;
  private final AtomicLong serial = new AtomicLong();

  public SimulatedNationalReliefSystem(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("national relief system", properties);
  }

  @Override
  public String register(String idempotencyKey, Registration registration) {
    String province = registration.province() == null || registration.province().isBlank()
        ? "XX" : registration.province();
    return calls.call(idempotencyKey,
        () -> "JZ-%s-%08d".formatted(province, serial.incrementAndGet()));
  }

  public int registrations() {
    return calls.effects();
  }
}

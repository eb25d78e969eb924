package cn.relief.workers.guardianship;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** In-process stand-in: numbers {@code LSJH-<n>} in order of registration; keeps what was registered. */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedGuardianshipRegister implements GuardianshipRegister {

  private final IdempotentCalls<String> calls;
  private final AtomicLong serial = new AtomicLong();
  private final List<TemporaryGuardianship> registered = new CopyOnWriteArrayList<>();

  public SimulatedGuardianshipRegister(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("guardianship register", properties);
  }

  @Override
  public String registerTemporaryGuardianship(String idempotencyKey, TemporaryGuardianship guardianship) {
    return calls.call(idempotencyKey, () -> {
      registered.add(guardianship);
      return "LSJH-%06d".formatted(serial.incrementAndGet());
    });
  }

  public List<TemporaryGuardianship> registered() {
    return List.copyOf(registered);
  }
}

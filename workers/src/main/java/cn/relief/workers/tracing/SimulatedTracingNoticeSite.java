package cn.relief.workers.tracing;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** In-process stand-in: notice ids {@code XQ-<caseNumber>-<n>}, n counting this case's publications. */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedTracingNoticeSite implements TracingNoticeSite {

  private final IdempotentCalls<Publication> calls;
  private final Clock clock;
  private final java.util.Map<String, AtomicInteger> perCase = new java.util.concurrent.ConcurrentHashMap<>();

  @Autowired
  public SimulatedTracingNoticeSite(SimulationProperties properties) {
    this(properties, Clock.systemUTC());
  }

  SimulatedTracingNoticeSite(SimulationProperties properties, Clock clock) {
    this.calls = new IdempotentCalls<>("family-tracing site", properties);
    this.clock = clock;
  }

  @Override
  public Publication publish(String idempotencyKey, String caseNumber, String noticeText, List<String> channels) {
    return calls.call(idempotencyKey, () -> {
      int n = perCase.computeIfAbsent(caseNumber, c -> new AtomicInteger()).incrementAndGet();
      List<String> to = channels.isEmpty() ? List.of("NATIONAL_TRACING_SITE") : List.copyOf(channels);
      return new Publication("XQ-%s-%d".formatted(caseNumber, n), clock.instant(), to);
    });
  }

  public int publications() {
    return calls.effects();
  }
}

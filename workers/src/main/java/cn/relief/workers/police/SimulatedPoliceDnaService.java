package cn.relief.workers.police;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import jakarta.annotation.PreDestroy;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in for the police: answers each request after
 * {@code relief.simulators.police-dna-answer-after}. The comparison finds the family exactly when the
 * case number ends in an even digit; then it publishes {@code relief-identity-found} with
 * {@code identityFound = true, identifiedBy = "DNA"}. A failed publication is tried again later,
 * as a real integration would.
 */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedPoliceDnaService implements PoliceDnaService {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPoliceDnaService.class);
  private static final int PUBLISH_ATTEMPTS = 5;

  private final IdempotentCalls<String> calls;
  private final SimulationProperties properties;
  private final IdentityFoundPublisher publisher;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "simulated-police-dna");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong serial = new AtomicLong();

  public SimulatedPoliceDnaService(SimulationProperties properties, IdentityFoundPublisher publisher) {
    this.calls = new IdempotentCalls<>("police DNA service", properties);
    this.properties = properties;
    this.publisher = publisher;
  }

  @Override
  public String requestDna(String idempotencyKey, DnaRequest request) {
    return calls.call(idempotencyKey, () -> {
      String requestNo = "DNA-%06d".formatted(serial.incrementAndGet());
      scheduler.schedule(() -> answer(request, requestNo, 1),
          properties.policeDnaAnswerAfter().toMillis(), TimeUnit.MILLISECONDS);
      return requestNo;
    });
  }

  /** The comparison's outcome, derived from the case number so that tests can predict it. */
  public static boolean familyFound(String caseNumber) {
    char last = caseNumber.charAt(caseNumber.length() - 1);
    return Character.isDigit(last) && (last - '0') % 2 == 0;
  }

  private void answer(DnaRequest request, String requestNo, int attempt) {
    if (!familyFound(request.caseNumber())) {
      LOG.info("DNA request {} for case {}: no match", requestNo, request.caseNumber());
      return;
    }
    try {
      publisher.publish(request.caseNumber(), requestNo,
          Map.of("identityFound", true, "identifiedBy", "DNA", "dnaReportNo", requestNo));
    } catch (RuntimeException e) {
      if (attempt >= PUBLISH_ATTEMPTS) {
        LOG.error("DNA result {} for case {} not delivered after {} attempts", requestNo,
            request.caseNumber(), attempt, e);
        return;
      }
      LOG.warn("DNA result {} for case {} not delivered, trying again", requestNo, request.caseNumber(), e);
      long backoff = Math.max(1000, properties.policeDnaAnswerAfter().toMillis());
      scheduler.schedule(() -> answer(request, requestNo, attempt + 1), backoff, TimeUnit.MILLISECONDS);
    }
  }

  @PreDestroy
  public void close() {
    scheduler.shutdownNow();
  }
}

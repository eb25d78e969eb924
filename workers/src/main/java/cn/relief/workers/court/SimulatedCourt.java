package cn.relief.workers.court;

import cn.relief.workers.Messages;
import cn.relief.workers.messages.MessagePublisher;
import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.stereotype.Component;

/**
 * In-process stand-in for the court: rules on a protection order application after
 * {@code relief.simulators.court-ruling-after} (default 2 minutes) and publishes
 * {@code relief-protection-order-ruled}. It grants the order when the application names the
 * respondent and gives the facts, valid for the 6 months the law allows at most (第30条), and refuses
 * it otherwise. A failed publication is tried again later, as a real integration would.
 */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedCourt implements CourtService {

  /** 反家庭暴力法 第30条: a protection order lasts at most six months. */
  static final java.time.Period MAXIMUM_VALIDITY = java.time.Period.ofMonths(6);
  static final Duration RULING_TIME_TO_LIVE = Duration.ofDays(1);
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  private static final Logger LOG = LoggerFactory.getLogger(SimulatedCourt.class);
  private static final int PUBLISH_ATTEMPTS = 5;

  private final IdempotentCalls<String> calls;
  private final MessagePublisher publisher;
  private final Duration rulingAfter;
  private final Clock clock;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "simulated-court");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong serial = new AtomicLong();

  @Autowired
  public SimulatedCourt(SimulationProperties properties, MessagePublisher publisher,
      @Value("${relief.simulators.court-ruling-after:2m}") String rulingAfter) {
    this(properties, publisher, DurationStyle.detectAndParse(rulingAfter), Clock.system(CHINA));
  }

  SimulatedCourt(SimulationProperties properties, MessagePublisher publisher, Duration rulingAfter, Clock clock) {
    this.calls = new IdempotentCalls<>("court", properties);
    this.publisher = publisher;
    this.rulingAfter = rulingAfter;
    this.clock = clock;
  }

  @Override
  public String applyForProtectionOrder(String idempotencyKey, ProtectionOrderApplication application) {
    return calls.call(idempotencyKey, () -> {
      String applicationNo = "BHLSQ-%06d".formatted(serial.incrementAndGet());
      scheduler.schedule(() -> rule(application, applicationNo, 1), rulingAfter.toMillis(), TimeUnit.MILLISECONDS);
      return applicationNo;
    });
  }

  @Override
  public String applyForGuardianshipRevocation(String idempotencyKey, GuardianshipRevocation application) {
    if (application.court() == null || application.court().isBlank()) {
      throw new IllegalArgumentException("Expected the court to apply to for case " + application.caseNumber());
    }
    return calls.call(idempotencyKey, () -> "CXJH-%06d".formatted(serial.incrementAndGet()));
  }

  /** The ruling's content: granted when the respondent is named and facts are given. */
  Map<String, Object> ruling(ProtectionOrderApplication application, String applicationNo) {
    boolean granted = notBlank(application.respondentName()) && notBlank(application.evidence());
    Map<String, Object> ruling = new HashMap<>();
    ruling.put("protectionOrderGranted", granted);
    ruling.put("protectionOrderApplicationNo", applicationNo);
    if (granted) {
      ruling.put("protectionOrderNo", applicationNo.replace("BHLSQ-", "BHL-"));
      ruling.put("protectionOrderValidUntil", LocalDate.now(clock).plus(MAXIMUM_VALIDITY).toString());
    }
    return ruling;
  }

  private void rule(ProtectionOrderApplication application, String applicationNo, int attempt) {
    try {
      publisher.publish(Messages.PROTECTION_ORDER_RULED, application.caseNumber(), applicationNo,
          RULING_TIME_TO_LIVE, ruling(application, applicationNo));
    } catch (RuntimeException e) {
      if (attempt >= PUBLISH_ATTEMPTS) {
        LOG.error("Protection order ruling {} for case {} not delivered after {} attempts", applicationNo,
            application.caseNumber(), attempt, e);
        return;
      }
      LOG.warn("Protection order ruling {} for case {} not delivered, trying again", applicationNo,
          application.caseNumber(), e);
      scheduler.schedule(() -> rule(application, applicationNo, attempt + 1),
          Math.max(1000, rulingAfter.toMillis()), TimeUnit.MILLISECONDS);
    }
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  @PreDestroy
  public void close() {
    scheduler.shutdownNow();
  }
}

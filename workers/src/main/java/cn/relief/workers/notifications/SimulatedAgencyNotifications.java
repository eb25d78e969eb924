package cn.relief.workers.notifications;

import cn.relief.workers.simulation.IdempotentCalls;
import cn.relief.workers.simulation.SimulationProperties;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** In-process stand-in: numbers {@code TZ-<n>} in order of sending; keeps what was sent. */
@Component
@ConditionalOnProperty(prefix = "relief.simulators", name = "enabled", matchIfMissing = true)
public class SimulatedAgencyNotifications implements AgencyNotifications {

  private final IdempotentCalls<String> calls;
  private final AtomicLong serial = new AtomicLong();
  private final List<Notification> sent = new CopyOnWriteArrayList<>();

  public SimulatedAgencyNotifications(SimulationProperties properties) {
    this.calls = new IdempotentCalls<>("agency notifications", properties);
  }

  @Override
  public String notify(String idempotencyKey, Notification notification) {
    if (notification.agency() == null || notification.agency().isBlank()) {
      throw new IllegalArgumentException(
          "Expected an agency to notify about '" + notification.subject() + "' but found none");
    }
    return calls.call(idempotencyKey, () -> {
      sent.add(notification);
      return "TZ-%06d".formatted(serial.incrementAndGet());
    });
  }

  public List<Notification> sent() {
    return List.copyOf(sent);
  }
}

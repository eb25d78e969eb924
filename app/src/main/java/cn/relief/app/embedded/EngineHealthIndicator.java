package cn.relief.app.embedded;

import cn.relief.engine.Engine;
import cn.relief.engine.processing.StreamProcessor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Reports the embedded engine in {@code /actuator/health}: up, and how much it holds. */
@Component("engine")
class EngineHealthIndicator implements HealthIndicator {
  private final ObjectProvider<Engine> engine;

  EngineHealthIndicator(ObjectProvider<Engine> engine) {
    this.engine = engine;
  }

  @Override
  public Health health() {
    Engine embedded = engine.getIfAvailable();
    if (embedded == null) {
      return Health.unknown().withDetail("embedded", false).build();
    }
    StreamProcessor.Statistics stats = embedded.statistics();
    return Health.up()
        .withDetail("processDefinitions", stats.processDefinitions())
        .withDetail("activeElementInstances", stats.elementInstances())
        .withDetail("jobs", stats.jobs())
        .withDetail("openIncidents", stats.incidents())
        .withDetail("queuedCommands", stats.queued())
        .withDetail("logPosition", stats.lastPosition())
        .build();
  }
}

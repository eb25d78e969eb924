package cn.relief.engine.history.retention;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.convert.DurationStyle;

/**
 * How long the history of each process is kept after its cases end: a period per BPMN process id,
 * a default for the others, or {@code keep} (forever, the default when nothing is configured).
 */
public final class RetentionPolicy {
  public static final String KEEP = "keep";

  private final Duration defaultPeriod;
  private final Map<String, Optional<Duration>> processes;

  public RetentionPolicy(Duration defaultPeriod, Map<String, Optional<Duration>> processes) {
    if (defaultPeriod != null) {
      requirePositive(defaultPeriod, "default-period");
    }
    processes.forEach((id, period) -> period.ifPresent(p -> requirePositive(p, "processes." + id)));
    this.defaultPeriod = defaultPeriod;
    this.processes = Collections.unmodifiableMap(new LinkedHashMap<>(processes));
  }

  /** Reads the properties; throws {@link IllegalArgumentException} naming the property that is wrong. */
  public static RetentionPolicy of(RetentionProperties properties) {
    Map<String, Optional<Duration>> processes = new LinkedHashMap<>();
    properties.getProcesses().forEach((id, value) -> processes.put(id, parse(id, value)));
    return new RetentionPolicy(properties.getDefaultPeriod(), processes);
  }

  public static RetentionPolicy keepEverything() {
    return new RetentionPolicy(null, Map.of());
  }

  /** The period after which an ended case of the process is purged; empty when it is kept. */
  public Optional<Duration> periodOf(String bpmnProcessId) {
    Optional<Duration> named = processes.get(bpmnProcessId);
    return named != null ? named : Optional.ofNullable(defaultPeriod);
  }

  /** Whether any process could be purged at all: if not, the purge never runs. */
  public boolean purgesAnything() {
    return defaultPeriod != null || processes.values().stream().anyMatch(Optional::isPresent);
  }

  public Optional<Duration> defaultPeriod() {
    return Optional.ofNullable(defaultPeriod);
  }

  public Map<String, Optional<Duration>> processes() {
    return processes;
  }

  private static Optional<Duration> parse(String processId, String value) {
    String text = value == null ? "" : value.trim();
    if (text.equalsIgnoreCase(KEEP)) {
      return Optional.empty();
    }
    try {
      return Optional.of(DurationStyle.detectAndParse(text));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Expected relief.engine.history.retention.processes." + processId
          + " to be a duration such as 3650d or P3650D, or 'keep', but it was '" + value + "'", e);
    }
  }

  private static void requirePositive(Duration period, String property) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("Expected relief.engine.history.retention." + property
          + " to be a positive duration, but it was " + period);
    }
  }
}

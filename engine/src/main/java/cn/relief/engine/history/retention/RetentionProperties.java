package cn.relief.engine.history.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code relief.engine.history.retention}: how long the history of ended cases is kept. Nothing is
 * purged unless configured (relief archives are kept for years).
 *
 * <pre>
 * relief.engine.history.retention.default-period=3650d      # every process not named below
 * relief.engine.history.retention.processes.street-patrol=365d
 * relief.engine.history.retention.processes.relief-case=keep
 * </pre>
 */
@ConfigurationProperties("relief.engine.history.retention")
public class RetentionProperties {
  /** Retention of processes not named in {@link #processes}; unset keeps their history. */
  private Duration defaultPeriod;
  /** Per BPMN process id: a duration ({@code 365d} or {@code P365D}; years are not durations, count days) or {@code keep}. */
  private Map<String, String> processes = new LinkedHashMap<>();
  /** How often ended cases are looked for and purged. */
  private Duration checkInterval = Duration.ofHours(1);
  /** Cases purged (and recorded in the audit trail) per transaction. */
  private int batchSize = 500;

  public Duration getDefaultPeriod() {
    return defaultPeriod;
  }

  public void setDefaultPeriod(Duration defaultPeriod) {
    this.defaultPeriod = defaultPeriod;
  }

  public Map<String, String> getProcesses() {
    return processes;
  }

  public void setProcesses(Map<String, String> processes) {
    this.processes = processes;
  }

  public Duration getCheckInterval() {
    return checkInterval;
  }

  public void setCheckInterval(Duration checkInterval) {
    this.checkInterval = checkInterval;
  }

  public int getBatchSize() {
    return batchSize;
  }

  public void setBatchSize(int batchSize) {
    this.batchSize = batchSize;
  }
}

package cn.relief.engine.history.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RetentionPolicyTest {

  @Test
  void nothingConfiguredKeepsEverything() {
    RetentionPolicy policy = RetentionPolicy.of(new RetentionProperties());
    assertThat(policy.purgesAnything()).isFalse();
    assertThat(policy.periodOf("relief-case")).isEmpty();
  }

  @Test
  void namedProcessesOverrideTheDefaultAndKeepMeansForever() {
    RetentionProperties properties = new RetentionProperties();
    properties.setDefaultPeriod(Duration.ofDays(3650));
    properties.setProcesses(Map.of("street-patrol", "365d", "relief-case", "KEEP", "escort", "P30D"));
    RetentionPolicy policy = RetentionPolicy.of(properties);
    assertThat(policy.purgesAnything()).isTrue();
    assertThat(policy.periodOf("street-patrol")).contains(Duration.ofDays(365));
    assertThat(policy.periodOf("escort")).contains(Duration.ofDays(30));
    assertThat(policy.periodOf("relief-case")).isEmpty();
    assertThat(policy.periodOf("family-tracing")).contains(Duration.ofDays(3650));
  }

  @Test
  void aWrongValueNamesItsProperty() {
    RetentionProperties properties = new RetentionProperties();
    properties.setProcesses(Map.of("relief-case", "ten years"));
    assertThatThrownBy(() -> RetentionPolicy.of(properties))
        .hasMessageContaining("relief.engine.history.retention.processes.relief-case")
        .hasMessageContaining("ten years");
    properties.setProcesses(Map.of("relief-case", "0d"));
    assertThatThrownBy(() -> RetentionPolicy.of(properties)).hasMessageContaining("positive");
  }
}

package cn.relief.workers;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.deadlines.CalendarProperties;
import cn.relief.workers.notices.NoticeProperties;
import cn.relief.workers.police.PoliceDnaService;
import cn.relief.workers.police.SimulatedPoliceDnaService;
import cn.relief.workers.simulation.SimulationProperties;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.springframework.aop.support.AopUtils;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The auto-configuration wires every worker with the simulated outside systems and the default
 * configuration, and lets the application's properties win. No engine: a client that is never called.
 */
class WorkersConfigurationTest {

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withUserConfiguration(WorkersConfiguration.class)
      .withBean(CamundaClient.class, () -> CamundaClient.newClientBuilder()
          .restAddress(URI.create("http://localhost:9")).grpcAddress(URI.create("http://localhost:9"))
          .build());

  @Test
  void everyWorkerIsABeanWithItsCollaborators() {
    runner.run(context -> {
      assertThat(context).hasNotFailed();
      long workerMethods = context.getBeansOfType(Object.class).values().stream()
          .flatMap(bean -> Arrays.stream(AopUtils.getTargetClass(bean).getDeclaredMethods()))
          .filter(method -> method.isAnnotationPresent(JobWorker.class))
          .count();
      assertThat(workerMethods).isEqualTo(JobTypes.class.getDeclaredFields().length);
      assertThat(context.getBean(PoliceDnaService.class)).isInstanceOf(SimulatedPoliceDnaService.class);
      assertThat(context.getBean(CalendarProperties.class).holidays()).hasSize(33);
      assertThat(context.getBean(NoticeProperties.class).fontPath()).isEqualTo(NoticeProperties.DEFAULT_FONT);
    });
  }

  @Test
  void applicationPropertiesOverrideTheDefaults() {
    runner.withPropertyValues("relief.simulators.failure-rate=0.25", "relief.simulators.delay=0s",
            "relief.calendar.holidays=2027-01-01", "relief.notices.font-path=/opt/fonts/cjk.otf")
        .run(context -> {
          assertThat(context.getBean(SimulationProperties.class).failureRate()).isEqualTo(0.25);
          assertThat(context.getBean(SimulationProperties.class).delay()).isEqualTo(Duration.ZERO);
          assertThat(context.getBean(CalendarProperties.class).holidays()).hasSize(1);
          assertThat(context.getBean(NoticeProperties.class).fontPath().toString()).isEqualTo("/opt/fonts/cjk.otf");
        });
  }

  @Test
  void simulatorsCanBeSwitchedOffForRealAdapters() {
    runner.withPropertyValues("relief.simulators.enabled=false")
        .run(context -> assertThat(context).hasFailed()
            .getFailure().hasMessageContaining("No qualifying bean of type 'cn.relief.workers."));
  }
}

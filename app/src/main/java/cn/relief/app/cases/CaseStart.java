package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Starts a relief case as the user, for the user's organisation: its {@code stationId} decides who
 * may open it later ({@link CaseAccess}).
 */
@Component
class CaseStart {
  static final Duration FIRST_TASK_WAIT = Duration.ofSeconds(10);

  /** The new case's instance key. */
  long start(CamundaClient client, EngineUser user) {
    if (user.organisationId() == null) {
      throw new IllegalStateException("user " + user.username() + " belongs to no organisation to start a case for");
    }
    Map<String, Object> variables = new HashMap<>();
    variables.put(CaseFiles.STATION_ID, user.organisationId());
    variables.put(CaseFiles.STATION_NAME, user.organisationName());
    return client.newCreateInstanceCommand().bpmnProcessId(CaseFiles.CASE_PROCESS).latestVersion()
        .variables(variables).send().join().getProcessInstanceKey();
  }

  /**
   * The case's first open task (the intake) once the engine has created it; empty if it did not
   * appear within {@link #FIRST_TASK_WAIT} (the history may lag behind under load).
   */
  Optional<Long> firstTask(CamundaClient client, long instanceKey) {
    long until = System.nanoTime() + FIRST_TASK_WAIT.toNanos();
    while (true) {
      List<UserTask> tasks = client.newUserTaskSearchRequest()
          .filter(f -> f.processInstanceKey(instanceKey).state(UserTaskState.CREATED)).send().join().items();
      if (!tasks.isEmpty()) {
        return Optional.of(tasks.get(0).getUserTaskKey());
      }
      if (System.nanoTime() > until) {
        return Optional.empty();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.empty();
      }
    }
  }
}

package cn.relief.app.tasks;

import cn.relief.app.security.EngineUser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Claims and completes a process instance's user task as the person on a page (the dispatcher,
 * the team on the scene, the patrol member), through their own engine client, so the audit trail
 * names them: the task is claimed for them if nobody has it, then completed. The task may appear a
 * moment after the previous one completed (the engine's search reads its history), so it is
 * awaited.
 */
@Component
public class InstanceTasks {
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Claims the instance's open task of the element for the user, unless somebody has it already. */
  public UserTask claim(CamundaClient client, EngineUser user, long processInstanceKey, String elementId) {
    UserTask task = await(client, processInstanceKey, elementId);
    if (task.getAssignee() == null || task.getAssignee().isBlank()) {
      client.newAssignUserTaskCommand(task.getUserTaskKey()).assignee(user.username()).allowOverride(false).send()
          .join();
    }
    return task;
  }

  public void complete(CamundaClient client, EngineUser user, long processInstanceKey, String elementId,
      Map<String, Object> variables) {
    UserTask task = claim(client, user, processInstanceKey, elementId);
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  private static UserTask await(CamundaClient client, long processInstanceKey, String elementId) {
    long until = System.nanoTime() + WAIT.toNanos();
    while (true) {
      List<UserTask> tasks = client.newUserTaskSearchRequest()
          .filter(f -> f.processInstanceKey(processInstanceKey).elementId(elementId).state(UserTaskState.CREATED))
          .send().join().items();
      if (!tasks.isEmpty()) {
        return tasks.get(0);
      }
      if (System.nanoTime() > until) {
        throw new IllegalStateException("No open task " + elementId + " in process instance " + processInstanceKey
            + " after " + WAIT.toSeconds() + " s");
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while waiting for task " + elementId, e);
      }
    }
  }
}

package cn.relief.app.tasks;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.CaseFile;
import cn.relief.app.cases.CaseFiles;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.cases.ProcessNames;
import cn.relief.app.security.EngineUser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * A task with its form, as the user works on it: opened only on a case the user may work on,
 * prefilled with the task's variables as the user may see them, completed with the form's own
 * fields after the form's rules were checked again, the engine's refusals put on the fields.
 */
@Component
class TaskForms {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CaseFiles cases;
  private final CaseAccess access;
  private final PersonalData personalData;
  private final ProcessNames processNames;
  private final MessageSource messages;

  TaskForms(CaseFiles cases, CaseAccess access, PersonalData personalData, ProcessNames processNames,
      MessageSource messages) {
    this.cases = cases;
    this.access = access;
    this.personalData = personalData;
    this.processNames = processNames;
    this.messages = messages;
  }

  /** What the task page shows; {@code schema} is null for a task without a form. */
  record TaskView(UserTask task, String processName, CaseFile caseFile, JsonNode schema, Map<String, Object> data) {
    public boolean open() {
      return task.getState() == UserTaskState.CREATED;
    }
  }

  /** The task for the user to work on; 404 if there is none, 403 if the case is not the user's to work on. */
  TaskView open(CamundaClient client, EngineUser user, long key) {
    UserTask task = task(client, key);
    Optional<CaseFile> caseFile = cases.caseOf(client, task.getProcessInstanceKey());
    caseFile.ifPresent(c -> access.checkWork(user, c.scope()));
    if (caseFile.isEmpty()) {
      cases.stationScopeOf(client, task.getProcessInstanceKey()).ifPresent(scope -> access.checkWork(user, scope));
    }
    JsonNode schema = schema(client, task);
    Map<String, Object> data = new LinkedHashMap<>();
    if (task.getState() == UserTaskState.CREATED) {
      for (Variable variable : client.newUserTaskVariableSearchRequest(key).withFullValues()
          .page(p -> p.limit(1000)).send().join().items()) {
        data.put(variable.getName(), CaseFiles.json(variable.getValue()));
      }
    }
    if (caseFile.isPresent()) {
      data = personalData.visibleTo(user, caseFile.get().scope(), data, caseFile.get().variables());
    }
    String processName = task.getProcessName() != null ? task.getProcessName()
        : processNames.of(client, task.getProcessDefinitionKey(), task.getBpmnProcessId());
    return new TaskView(task, processName, caseFile.orElse(null), schema, data);
  }

  /**
   * Completes the task as the user with the form's fields among {@code values}, taking it first
   * when nobody has; the problems by field key (in the user's language) if it was not completed.
   */
  Map<String, String> complete(CamundaClient client, EngineUser user, long key, Map<String, Object> values,
      Locale locale) {
    TaskView view = open(client, user, key);
    Map<String, String> problems = new LinkedHashMap<>();
    if (!view.open()) {
      problems.put(CompletionRefusal.WHOLE_FORM, messages.getMessage("tasks.notOpen", null, locale));
      return problems;
    }
    Map<String, Object> submitted = new LinkedHashMap<>();
    if (view.schema() != null) {
      Set<String> keys = FormRules.keys(view.schema());
      values.forEach((name, value) -> {
        if (keys.contains(name)) {
          submitted.put(name, value);
        }
      });
      for (FormRules.Problem problem : FormRules.check(view.schema(), submitted)) {
        if (!PersonalData.isMasked(submitted.get(problem.field()))) {
          problems.putIfAbsent(problem.field(), messages.getMessage(problem.code(), problem.args(), locale));
        }
      }
      if (!problems.isEmpty()) {
        return problems;
      }
    }
    // a value the user saw masked comes back masked: it keeps the case's real value, not the mask
    submitted.values().removeIf(PersonalData::isMasked);
    try {
      if (view.task().getAssignee() == null || view.task().getAssignee().isBlank()) {
        client.newAssignUserTaskCommand(key).assignee(user.username()).allowOverride(false).send().join();
      }
      client.newCompleteUserTaskCommand(key).variables(submitted).send().join();
      awaitHistory(client, key, task -> task.getState() != UserTaskState.CREATED);
    } catch (ProblemException e) {
      if (e.code() == 403) {
        throw new AccessDeniedException("task " + key + ": " + detail(e));
      }
      if (e.code() != 400 && e.code() != 409) {
        throw e;
      }
      problems.putAll(CompletionRefusal.byField(detail(e),
          view.schema() == null ? Map.of() : FormRules.labels(view.schema())));
    }
    return problems;
  }

  /** How long a page waits for the history (the searches) to show a change the engine has made. */
  static final Duration HISTORY_WAIT = Duration.ofSeconds(2);

  /**
   * Waits (at most {@link #HISTORY_WAIT}) until the task as the searches show it satisfies the
   * condition: the engine answers once a change took effect, its history a moment later, and the
   * list the user goes back to should show the change.
   */
  static void awaitHistory(CamundaClient client, long key, Predicate<UserTask> condition) {
    long until = System.nanoTime() + HISTORY_WAIT.toNanos();
    try {
      while (!condition.test(client.newUserTaskGetRequest(key).send().join()) && System.nanoTime() < until) {
        Thread.sleep(50);
      }
    } catch (ProblemException e) {
      // not readable any more: nothing to wait for
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The task; 404 when it does not exist, 403 when the engine does not show it to the user. */
  static UserTask task(CamundaClient client, long key) {
    try {
      return client.newUserTaskGetRequest(key).send().join();
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw new ResponseStatusException(HttpStatus.NOT_FOUND, "no task " + key);
      }
      if (e.code() == 403) {
        throw new AccessDeniedException("task " + key + " not visible: " + detail(e));
      }
      throw e;
    }
  }

  private static JsonNode schema(CamundaClient client, UserTask task) {
    if (task.getFormKey() == null) {
      return null;
    }
    Object schema = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getSchema();
    try {
      return schema instanceof String text ? JSON.readTree(text) : JSON.valueToTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the form of task " + task.getUserTaskKey() + " is not JSON", e);
    }
  }

  static String detail(ProblemException e) {
    return e.details() != null && e.details().getDetail() != null ? e.details().getDetail() : e.getMessage();
  }
}

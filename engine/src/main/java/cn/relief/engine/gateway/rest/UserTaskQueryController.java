package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.HistoryResponses.date;
import static cn.relief.engine.gateway.rest.HistoryResponses.integer;
import static cn.relief.engine.gateway.rest.HistoryResponses.key;
import static cn.relief.engine.gateway.rest.HistoryResponses.text;

import cn.relief.engine.api.CallerContext;
import cn.relief.engine.api.CommandRejectedException;
import cn.relief.engine.api.RejectionType;
import cn.relief.engine.form.FormKeys;
import cn.relief.engine.history.search.HistoryTables;
import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.TaskActor;
import cn.relief.engine.history.search.NotFoundInHistoryException;
import cn.relief.engine.history.search.SqlConditions;
import cn.relief.engine.history.search.SqlSearch;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.protocol.rest.FormResult;
import io.camunda.client.protocol.rest.UserTaskResult;
import io.camunda.client.protocol.rest.UserTaskSearchQueryResult;
import io.camunda.client.protocol.rest.UserTaskStateEnum;
import io.camunda.client.protocol.rest.VariableSearchQueryResult;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** User task history: search, get, and the variables a task sees. */
@RestController
public class UserTaskQueryController {
  /**
   * The variables visible at an element instance: those of its scope chain (the element instance,
   * its flow scopes, up to the process instance), the innermost one winning for each name.
   */
  private static final String VISIBLE_AT_SCOPE = """
      variable_key IN (WITH RECURSIVE chain(scope_key, depth) AS (
          SELECT ?::bigint, 0
          UNION ALL
          SELECT e.flow_scope_key, chain.depth + 1 FROM history_element_instance e
          JOIN chain ON e.element_instance_key = chain.scope_key WHERE e.flow_scope_key IS NOT NULL)
        SELECT DISTINCT ON (v.name) v.variable_key FROM history_variable v
        JOIN chain ON v.scope_key = chain.scope_key ORDER BY v.name, chain.depth)""";

  /** Tasks assigned to the user, or with the user or one of its groups among the candidates. */
  private static final String VISIBLE_TO = "(assignee = ? OR jsonb_exists(candidate_users::jsonb, ?) "
      + "OR jsonb_exists_any(candidate_groups::jsonb, ?::text[]))";

  private final SqlSearch search;
  private final ApiSecurity security;
  private final ObjectMapper json = new ObjectMapper();

  public UserTaskQueryController(SqlSearch search, ApiSecurity security) {
    this.search = search;
    this.security = security;
  }

  @PostMapping("/v2/user-tasks/search")
  public UserTaskSearchQueryResult searchUserTasks(@RequestBody(required = false) Map<String, Object> body) {
    SqlSearch.Page page = search.search(HistoryTables.USER_TASKS, body, visibleTo(actor()));
    return new UserTaskSearchQueryResult()
        .items(page.rows().stream().map(this::userTask).toList())
        .page(HistoryResponses.page(page));
  }

  @GetMapping("/v2/user-tasks/{userTaskKey}")
  public UserTaskResult getUserTask(@PathVariable("userTaskKey") String userTaskKey) {
    return userTask(visibleTask(userTaskKey));
  }

  /** The form linked to the task, as it was deployed; 204 when the task links none (as Camunda answers). */
  @GetMapping("/v2/user-tasks/{userTaskKey}/form")
  public ResponseEntity<FormResult> getUserTaskForm(@PathVariable("userTaskKey") String userTaskKey) {
    Map<String, Object> task = visibleTask(userTaskKey);
    Long formKey = FormKeys.deployed(text(task, "form_key"));
    if (formKey == null) {
      return ResponseEntity.noContent().build();
    }
    SqlConditions where = new SqlConditions();
    where.add("form_key = ?", formKey);
    List<Map<String, Object>> forms = search.rows("history_form", where, "form_key");
    if (forms.isEmpty()) {
      throw new NotFoundInHistoryException("Expected to find the form with key '" + formKey + "' of user task '"
          + userTaskKey + "', but it is not in the history yet");
    }
    return ResponseEntity.ok(HistoryResponses.form(forms.get(0)));
  }

  @PostMapping("/v2/user-tasks/{userTaskKey}/variables/search")
  public VariableSearchQueryResult searchVariables(@PathVariable("userTaskKey") String userTaskKey,
      @RequestBody(required = false) Map<String, Object> body) {
    Map<String, Object> task = visibleTask(userTaskKey);
    SqlConditions scope = new SqlConditions();
    scope.add(VISIBLE_AT_SCOPE, Long.parseLong(key(task, "element_instance_key")));
    // whoever may see the task sees the variables it sees, process permission or not
    SqlSearch.Page page = search.searchWithoutGuard(HistoryTables.VARIABLES, body, scope);
    return new VariableSearchQueryResult()
        .items(page.rows().stream().map(row -> ExecutionQueryController.variable(row, true)).toList())
        .page(HistoryResponses.page(page));
  }

  private UserTaskResult userTask(Map<String, Object> row) {
    String formKey = text(row, "form_key");
    return new UserTaskResult()
        .userTaskKey(key(row, "user_task_key"))
        .name(text(row, "name"))
        .state(UserTaskStateEnum.fromValue(text(row, "state")))
        .assignee(text(row, "assignee"))
        .candidateUsers(names(text(row, "candidate_users")))
        .candidateGroups(names(text(row, "candidate_groups")))
        .dueDate(date(row, "due_date"))
        .followUpDate(date(row, "follow_up_date"))
        .priority(integer(row, "priority"))
        .creationDate(date(row, "creation_date"))
        .completionDate(date(row, "completion_date"))
        .elementId(text(row, "element_id"))
        .elementInstanceKey(key(row, "element_instance_key"))
        .processInstanceKey(key(row, "process_instance_key"))
        .processDefinitionKey(key(row, "process_definition_key"))
        .processDefinitionId(text(row, "bpmn_process_id"))
        .processDefinitionVersion(integer(row, "process_definition_version"))
        .externalFormReference(text(row, "external_form_reference"))
        // the client reads formKey as the key of a deployed form; a BPMN formKey text is not one
        .formKey(FormKeys.deployed(formKey) == null ? null : formKey)
        .customHeaders(Map.of())
        .tenantId(text(row, "tenant_id"));
  }

  /** The task, if the caller may see it: refused with 403 otherwise. */
  private Map<String, Object> visibleTask(String userTaskKey) {
    Map<String, Object> task = search.byKey(HistoryTables.USER_TASKS, userTaskKey, "user task");
    TaskActor actor = actor();
    if (!actor.mayActOn(text(task, "assignee"), names(text(task, "candidate_users")),
        names(text(task, "candidate_groups")))
        && !readableTaskProcesses().map(ids -> ids.contains(text(task, "bpmn_process_id"))).orElse(true)) {
      throw new CommandRejectedException(RejectionType.FORBIDDEN, null, actor.refusal(Long.parseLong(userTaskKey)));
    }
    return task;
  }

  /**
   * The tasks a caller may read: its own (assignee, candidate) and, as in Camunda 8.8, every task of
   * the processes it holds {@code READ_USER_TASK} for (an auditor). Acting on a task still needs
   * the caller to be its assignee or a candidate (TaskActor). Null: no limit.
   */
  private SqlConditions visibleTo(TaskActor actor) {
    if (actor.administrator()) {
      return null;
    }
    Optional<Set<String>> readable = readableTaskProcesses();
    if (readable.isEmpty()) {
      return null;
    }
    SqlConditions visible = new SqlConditions();
    visible.add("(" + VISIBLE_TO + " OR bpmn_process_id = ANY(?::text[]))", actor.username(), actor.username(),
        actor.groups().toArray(new String[0]), readable.get().toArray(new String[0]));
    return visible;
  }

  /** The processes whose tasks the caller reads by permission; empty: all of them. */
  private Optional<Set<String>> readableTaskProcesses() {
    return security.permittedIds("PROCESS_DEFINITION", "READ_USER_TASK");
  }

  private TaskActor actor() {
    return TaskActor.of(CallerContext.current(), security.identity());
  }

  private List<String> names(String jsonArray) {
    try {
      return jsonArray == null ? List.of() : json.readValue(jsonArray, new TypeReference<List<String>>() {});
    } catch (IOException e) {
      throw new IllegalStateException("Could not read candidates " + jsonArray, e);
    }
  }
}

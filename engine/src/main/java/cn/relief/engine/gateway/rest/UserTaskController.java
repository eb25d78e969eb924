package cn.relief.engine.gateway.rest;

import static cn.relief.engine.gateway.rest.AsyncResponses.noContent;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.UserTaskAssignmentRequest;
import io.camunda.client.protocol.rest.UserTaskCompletionRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The user task commands: assign, unassign, update and complete; each answers 204 without a body. */
@RestController
public class UserTaskController {
  private final EngineApi api;

  public UserTaskController(EngineApi api) {
    this.api = api;
  }

  @PostMapping("/v2/user-tasks/{userTaskKey}/assignment")
  public CompletableFuture<ResponseEntity<Void>> assign(
      @PathVariable("userTaskKey") String userTaskKey, @RequestBody UserTaskAssignmentRequest request) {
    long key = RestRequests.key("userTaskKey", userTaskKey);
    String assignee = RestRequests.requireText("assignee", request.getAssignee());
    // Camunda's default: an assignment replaces the current assignee unless told otherwise
    boolean allowOverride = request.getAllowOverride() == null || request.getAllowOverride();
    return noContent(api.assignUserTask(key, assignee, allowOverride, action(request.getAction(), "assign")));
  }

  @DeleteMapping("/v2/user-tasks/{userTaskKey}/assignee")
  public CompletableFuture<ResponseEntity<Void>> unassign(@PathVariable("userTaskKey") String userTaskKey) {
    long key = RestRequests.key("userTaskKey", userTaskKey);
    return noContent(api.assignUserTask(key, null, true, "unassign"));
  }

  /**
   * Read as a plain map: the client sends only the attributes it changes, and an attribute that is
   * absent must stay as it is (the generated changeset class would default the priority to 50).
   */
  @PatchMapping("/v2/user-tasks/{userTaskKey}")
  public CompletableFuture<ResponseEntity<Void>> update(
      @PathVariable("userTaskKey") String userTaskKey, @RequestBody(required = false) Map<String, Object> request) {
    long key = RestRequests.key("userTaskKey", userTaskKey);
    Map<String, Object> body = request == null ? Map.of() : request;
    Object changeset = body.get("changeset");
    if (changeset != null && !(changeset instanceof Map)) {
      throw RestRequestException.invalid("Expected changeset to be an object, but found '" + changeset + "'");
    }
    Map<?, ?> changes = changeset == null ? Map.of() : (Map<?, ?>) changeset;
    for (Object name : changes.keySet()) {
      if (!List.of("dueDate", "followUpDate", "candidateUsers", "candidateGroups", "priority").contains(name)) {
        throw RestRequestException.invalid("Expected changeset to contain only dueDate, followUpDate, "
            + "candidateUsers, candidateGroups and priority, but it contained '" + name + "'");
      }
    }
    Object action = body.get("action");
    if (changes.isEmpty() && action == null) {
      throw RestRequestException.invalid(
          "Expected a changeset with at least one attribute or an action, but the request had neither");
    }
    EngineApi.UserTaskChanges update = new EngineApi.UserTaskChanges(
        text(changes, "dueDate"), text(changes, "followUpDate"), texts(changes, "candidateUsers"),
        texts(changes, "candidateGroups"), priority(changes.get("priority")));
    return noContent(api.updateUserTask(key, update, action(action == null ? null : action.toString(), "update")));
  }

  @PostMapping("/v2/user-tasks/{userTaskKey}/completion")
  public CompletableFuture<ResponseEntity<Void>> complete(
      @PathVariable("userTaskKey") String userTaskKey, @RequestBody(required = false) UserTaskCompletionRequest request) {
    long key = RestRequests.key("userTaskKey", userTaskKey);
    Map<String, Object> variables = RestRequests.variables(request == null ? null : request.getVariables());
    return noContent(api.completeUserTask(key, variables,
        action(request == null ? null : request.getAction(), "complete")));
  }

  /** The caller's label for the command, or Camunda's default for it. */
  private static String action(String given, String defaultAction) {
    return given == null || given.isBlank() ? defaultAction : given;
  }

  private static String text(Map<?, ?> changes, String name) {
    Object value = changes.get(name);
    if (value != null && !(value instanceof String)) {
      throw RestRequestException.invalid("Expected " + name + " to be a date-time text, but found '" + value + "'");
    }
    return (String) value;
  }

  private static List<String> texts(Map<?, ?> changes, String name) {
    Object value = changes.get(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof List<?> items) || items.stream().anyMatch(item -> !(item instanceof String))) {
      throw RestRequestException.invalid("Expected " + name + " to be a list of texts, but found '" + value + "'");
    }
    return items.stream().map(String.class::cast).toList();
  }

  private static Integer priority(Object value) {
    if (value == null) {
      return null;
    }
    if (!(value instanceof Integer priority)) {
      throw RestRequestException.invalid("Expected priority to be an integer from 0 to 100, but found '" + value + "'");
    }
    return priority;
  }
}

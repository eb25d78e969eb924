package cn.relief.app.tasks;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.EngineUserDirectory;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

/** The task list ({@code /tasks}), a task's page with its form, claiming, unclaiming and completing. */
@Controller
class TasksController {
  /** The session's engine groups of the user: looked up once, they change only with the identity. */
  static final String GROUPS = TasksController.class.getName() + ".groups";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UserEngineClients clients;
  private final EngineUserDirectory directory;
  private final TaskInbox inbox;
  private final TaskForms forms;
  private final MessageSource messages;

  TasksController(UserEngineClients clients, EngineUserDirectory directory, TaskInbox inbox, TaskForms forms,
      MessageSource messages) {
    this.clients = clients;
    this.directory = directory;
    this.inbox = inbox;
    this.forms = forms;
    this.messages = messages;
  }

  @GetMapping("/tasks")
  String list(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @RequestParam(required = false) String process, @RequestParam(required = false) String q,
      @RequestParam(required = false) String due, Model model) {
    TaskFilter filter = new TaskFilter(process, q, due);
    model.addAttribute("filter", filter);
    model.addAttribute("inbox", inbox.open(clients.require(session), user, groups(session, user), filter));
    return "tasks/list";
  }

  @GetMapping("/tasks/{key}")
  String task(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key, Model model)
      throws JsonProcessingException {
    TaskForms.TaskView view = forms.open(clients.require(session), user, key);
    model.addAttribute("view", view);
    model.addAttribute("schemaJson", view.schema() == null ? null : JSON.writeValueAsString(view.schema()));
    model.addAttribute("dataJson", JSON.writeValueAsString(view.data()));
    return "tasks/task";
  }

  @PostMapping("/tasks/{key}/assignment")
  String claim(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key,
      RedirectAttributes redirect, Locale locale) {
    CamundaClient client = clients.require(session);
    forms.open(client, user, key); // 403 unless the case is the user's to work on
    return changeAssignment(redirect, locale, "tasks.claimed", () -> {
      client.newAssignUserTaskCommand(key).assignee(user.username()).allowOverride(false).send().join();
      TaskForms.awaitHistory(client, key, task -> user.username().equals(task.getAssignee()));
    });
  }

  @PostMapping("/tasks/{key}/unassignment")
  String unclaim(@AuthenticationPrincipal EngineUser user, HttpSession session, @PathVariable long key,
      RedirectAttributes redirect, Locale locale) {
    CamundaClient client = clients.require(session);
    String assignee = forms.open(client, user, key).task().getAssignee();
    // a caseworker hands back their own task; taking a colleague's away is the station head's call
    if (assignee != null && !assignee.equals(user.username())
        && !user.hasAnyRole(ReliefRole.STATION_HEAD, ReliefRole.ADMIN)) {
      throw new AccessDeniedException("task " + key + " is " + assignee + "'s, not " + user.username() + "'s");
    }
    return changeAssignment(redirect, locale, "tasks.unclaimed", () -> {
      client.newUnassignUserTaskCommand(key).send().join();
      TaskForms.awaitHistory(client, key, task -> task.getAssignee() == null);
    });
  }

  /**
   * Completes the task with the form's values (JSON); 200 with where to go next, or 422 with the
   * problems by field key ({@code _form} for the whole form).
   */
  @PostMapping(path = "/tasks/{key}/completion", consumes = "application/json", produces = "application/json")
  ResponseEntity<Map<String, String>> complete(@AuthenticationPrincipal EngineUser user, HttpSession session,
      @PathVariable long key, @RequestBody Map<String, Object> values, Locale locale, HttpServletRequest request,
      HttpServletResponse response) {
    Map<String, String> problems = forms.complete(clients.require(session), user, key, values, locale);
    if (!problems.isEmpty()) {
      return ResponseEntity.status(HttpStatus.UNPROCESSABLE_ENTITY).body(problems);
    }
    // the page goes to the list by itself: the flash waits in the session for that request
    FlashMap flash = RequestContextUtils.getOutputFlashMap(request);
    flash.put("flash", messages.getMessage("tasks.completed", null, locale));
    String next = request.getContextPath() + "/tasks";
    RequestContextUtils.saveOutputFlashMap(next, request, response);
    return ResponseEntity.ok(Map.of("location", next));
  }

  private String changeAssignment(RedirectAttributes redirect, Locale locale, String done, Runnable change) {
    try {
      change.run();
      redirect.addFlashAttribute("flash", messages.getMessage(done, null, locale));
    } catch (ProblemException e) {
      // e.g. a colleague took it a moment earlier: say so, the list shows who has it now
      redirect.addFlashAttribute("flashError", messages.getMessage("tasks.assignmentRefused",
          new Object[] {TaskForms.detail(e)}, locale));
    }
    return "redirect:/tasks";
  }

  @SuppressWarnings("unchecked")
  private List<String> groups(HttpSession session, EngineUser user) {
    List<String> groups = (List<String>) session.getAttribute(GROUPS);
    if (groups == null) {
      groups = List.copyOf(directory.groupIds(user.username()));
      session.setAttribute(GROUPS, groups);
    }
    return groups;
  }

}

package cn.relief.app.users;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.server.ResponseStatusException;

/** User administration (administrators): list, create, change role and organisation, reset the password. */
@Controller
class UsersController {
  private final UserEngineClients clients;
  private final UserAdministration administration;

  private final String applicationAccount;

  UsersController(UserEngineClients clients, UserAdministration administration,
      @Value("${camunda.client.auth.username:}") String applicationAccount) {
    this.clients = clients;
    this.administration = administration;
    this.applicationAccount = applicationAccount;
  }

  @GetMapping("/admin/users")
  String users(HttpSession session, Model model) {
    return list(clients.require(session), UserForm.empty(), Map.of(), model);
  }

  @PostMapping("/admin/users")
  String create(@ModelAttribute UserForm form, HttpSession session, HttpServletResponse response, Model model,
      RedirectAttributes flash) {
    CamundaClient client = clients.require(session);
    Map<String, String> errors = form.errorsForCreation(administration.organisations(client).keySet());
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return list(client, form, errors, model);
    }
    try {
      administration.create(client, form);
    } catch (UsernameTakenException e) {
      response.setStatus(HttpServletResponse.SC_CONFLICT);
      return list(client, form, Map.of("username", "users.error.taken"), model);
    }
    flash.addFlashAttribute("created", form.username());
    return "redirect:/admin/users";
  }

  @GetMapping("/admin/users/{username}")
  String user(@PathVariable String username, HttpSession session, Model model) {
    CamundaClient client = clients.require(session);
    EngineUser user = find(client, username);
    var engineUser = client.newUserGetRequest(username).send().join();
    UserForm form = new UserForm(username, user.name(), engineUser.getEmail(), "",
        user.roles().isEmpty() ? "" : user.roles().get(0).name(), user.organisationId());
    return edit(client, form, Map.of(), model);
  }

  @PostMapping("/admin/users/{username}")
  String change(@PathVariable String username, @ModelAttribute UserForm form, HttpSession session,
      @AuthenticationPrincipal EngineUser administrator, HttpServletResponse response, Model model,
      RedirectAttributes flash) {
    CamundaClient client = clients.require(session);
    find(client, username);
    UserForm named = new UserForm(username, form.name(), form.email(), form.password(), form.role(), form.organisation());
    Map<String, String> errors = new java.util.HashMap<>(
        named.errorsForChange(administration.organisations(client).keySet()));
    // the application's own account runs the workers and deployments, and an administrator taking
    // their own role away could leave nobody to give it back: neither is changed from here
    if (username.equals(applicationAccount)) {
      errors.put("role", "users.error.applicationAccount");
    } else if (administrator != null && username.equals(administrator.username())
        && !ReliefRole.ADMIN.name().equals(form.role())) {
      errors.put("role", "users.error.ownRole");
    }
    if (!errors.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return edit(client, named, errors, model);
    }
    administration.change(client, username, named);
    if (administrator == null || !username.equals(administrator.username())) {
      // their role or organisation was read at login: they log in again to work with the new ones
      clients.endSessionsOf(username);
    }
    flash.addFlashAttribute("changed", username);
    return "redirect:/admin/users";
  }

  private String list(CamundaClient client, UserForm form, Map<String, String> errors, Model model) {
    model.addAttribute("users", administration.users(client));
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("organisations", administration.organisations(client));
    model.addAttribute("roles", ReliefRole.values());
    return "users/users";
  }

  private String edit(CamundaClient client, UserForm form, Map<String, String> errors, Model model) {
    model.addAttribute("form", form);
    model.addAttribute("errors", errors);
    model.addAttribute("organisations", administration.organisations(client));
    model.addAttribute("roles", ReliefRole.values());
    return "users/user";
  }

  private EngineUser find(CamundaClient client, String username) {
    try {
      return administration.user(client, username);
    } catch (ClientHttpException e) {
      if (e.code() == 404) {
        throw new ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND, "No user " + username);
      }
      throw e;
    }
  }

}

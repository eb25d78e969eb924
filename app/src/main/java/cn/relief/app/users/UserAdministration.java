package cn.relief.app.users;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.EngineUserDirectory;
import cn.relief.app.security.ReliefRole;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.FinalCommandStep;
import io.camunda.client.api.search.response.Group;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Creates and changes users in the engine's identity, through the administrator's own client (the
 * engine checks that it may). A user gets one application role, one organisation (group
 * {@code org-...}) and, as the demo users do, the candidate group named like its role where the
 * models have one ({@code caseworker}, {@code station-head}, {@code regional-centre}), so that it
 * sees its role's tasks.
 */
@Component
class UserAdministration {
  List<EngineUser> users(CamundaClient client) {
    return new EngineUserDirectory(client).all();
  }

  EngineUser user(CamundaClient client, String username) {
    return new EngineUserDirectory(client).lookUp(username);
  }

  Map<String, String> organisations(CamundaClient client) {
    return new EngineUserDirectory(client).organisations();
  }

  void create(CamundaClient client, UserForm form) {
    try {
      client.newCreateUserCommand().username(form.username()).name(form.name()).email(form.email())
          .password(form.password()).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 409) {
        throw new UsernameTakenException(form.username());
      }
      throw e;
    }
    ReliefRole role = form.reliefRole();
    client.newAssignRoleToUserCommand().roleId(role.roleId()).username(form.username()).send().join();
    client.newAssignUserToGroupCommand().username(form.username()).groupId(form.organisation()).send().join();
    if (taskGroups(client).contains(role.roleId())) {
      client.newAssignUserToGroupCommand().username(form.username()).groupId(role.roleId()).send().join();
    }
  }

  /** Sets the role, organisation, name and e-mail, and the password if a new one is given. */
  void change(CamundaClient client, String username, UserForm form) {
    EngineUser current = user(client, username);
    var update = client.newUpdateUserCommand(username).name(form.name()).email(form.email());
    if (!form.password().isEmpty()) {
      update = update.password(form.password());
    }
    update.send().join();
    ReliefRole role = form.reliefRole();
    Set<String> taskGroups = taskGroups(client);
    for (ReliefRole old : current.roles()) {
      if (old != role) {
        client.newUnassignRoleFromUserCommand().roleId(old.roleId()).username(username).send().join();
        if (taskGroups.contains(old.roleId())) {
          ignoreMissing(client.newUnassignUserFromGroupCommand().username(username).groupId(old.roleId()));
        }
      }
    }
    if (!current.roles().contains(role)) {
      client.newAssignRoleToUserCommand().roleId(role.roleId()).username(username).send().join();
      if (taskGroups.contains(role.roleId())) {
        ignoreExisting(client.newAssignUserToGroupCommand().username(username).groupId(role.roleId()));
      }
    }
    if (!form.organisation().equals(current.organisationId())) {
      if (current.organisationId() != null) {
        ignoreMissing(client.newUnassignUserFromGroupCommand().username(username).groupId(current.organisationId()));
      }
      client.newAssignUserToGroupCommand().username(username).groupId(form.organisation()).send().join();
    }
  }

  /** The groups that are not organisations: the models' candidate groups. */
  private static Set<String> taskGroups(CamundaClient client) {
    return client.newGroupsSearchRequest().page(p -> p.limit(1000)).send().join().items().stream()
        .map(Group::getGroupId).filter(id -> !id.startsWith(EngineUserDirectory.ORGANISATION_PREFIX))
        .collect(Collectors.toSet());
  }

  private static void ignoreExisting(FinalCommandStep<?> command) {
    ignore(command, 409);
  }

  private static void ignoreMissing(FinalCommandStep<?> command) {
    ignore(command, 404);
  }

  private static void ignore(FinalCommandStep<?> command, int code) {
    try {
      command.send().join();
    } catch (ClientHttpException e) {
      if (e.code() != code) {
        throw e;
      }
    }
  }
}

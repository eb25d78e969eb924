package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.OwnerType;
import io.camunda.client.api.search.enums.PermissionType;
import io.camunda.client.api.search.enums.ResourceType;
import io.camunda.client.api.search.response.Authorization;
import io.camunda.client.api.search.response.Group;
import io.camunda.client.api.search.response.Role;
import io.camunda.client.api.search.response.User;
import io.grpc.Status;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Users, groups, roles and authorizations through the client's identity commands and searches;
 * users authenticating over REST and gRPC; permissions granted through authorizations.
 */
class IdentityIT extends ClientTestSupport {

  @Test
  void createsAndSearchesUsersGroupsRolesAndAuthorizations() {
    CamundaClient admin = client(Transport.REST);
    String username = uniqueId("clerk", Transport.REST);
    String groupId = uniqueId("station", Transport.REST);
    String roleId = uniqueId("caseworker", Transport.REST);
    admin.newCreateUserCommand().username(username).password("s3cret-pass").name("Clerk One")
        .email(username + "@relief.example").send().join();
    admin.newCreateGroupCommand().groupId(groupId).name("County station").description("North").send().join();
    admin.newAssignUserToGroupCommand().username(username).groupId(groupId).send().join();
    admin.newCreateRoleCommand().roleId(roleId).name("Caseworker").description("Works cases").send().join();
    admin.newAssignRoleToUserCommand().roleId(roleId).username(username).send().join();
    admin.newAssignRoleToGroupCommand().roleId(roleId).groupId(groupId).send().join();
    admin.newCreateAuthorizationCommand().ownerId(roleId).ownerType(OwnerType.ROLE).resourceId("*")
        .resourceType(ResourceType.PROCESS_DEFINITION)
        .permissionTypes(PermissionType.CREATE_PROCESS_INSTANCE, PermissionType.READ_PROCESS_INSTANCE)
        .send().join();

    User found = admin.newUsersSearchRequest().filter(f -> f.username(username)).send().join().items().get(0);
    assertThat(found.getName()).isEqualTo("Clerk One");
    assertThat(found.getEmail()).isEqualTo(username + "@relief.example");
    assertThat(admin.newUserGetRequest(username).send().join().getName()).isEqualTo("Clerk One");
    Group group = admin.newGroupGetRequest(groupId).send().join();
    assertThat(group.getName()).isEqualTo("County station");
    assertThat(admin.newGroupsSearchRequest().send().join().items()).extracting(Group::getGroupId).contains(groupId);
    assertThat(admin.newUsersByGroupSearchRequest(groupId).send().join().items())
        .extracting("username").containsExactly(username);
    assertThat(admin.newRoleGetRequest(roleId).send().join().getName()).isEqualTo("Caseworker");
    assertThat(admin.newRolesSearchRequest().send().join().items()).extracting(Role::getRoleId)
        .contains(roleId, "admin");
    assertThat(admin.newUsersByRoleSearchRequest(roleId).send().join().items())
        .extracting("username").containsExactly(username);
    assertThat(admin.newGroupsByRoleSearchRequest(roleId).send().join().items())
        .extracting("groupId").containsExactly(groupId);
    Authorization authorization = admin.newAuthorizationSearchRequest().filter(f -> f.ownerId(roleId))
        .send().join().items().get(0);
    assertThat(authorization.getOwnerType()).isEqualTo(OwnerType.ROLE);
    assertThat(authorization.getResourceType()).isEqualTo(ResourceType.PROCESS_DEFINITION);
    assertThat(authorization.getPermissionTypes())
        .containsExactly(PermissionType.CREATE_PROCESS_INSTANCE, PermissionType.READ_PROCESS_INSTANCE);

    assertRejected(Transport.REST,
        () -> admin.newCreateUserCommand().username(username).password("other").send().join(),
        Status.Code.ALREADY_EXISTS, 409, username);
    assertRejected(Transport.REST, () -> admin.newUserGetRequest("nobody-" + username).send().join(),
        Status.Code.NOT_FOUND, 404, "nobody-" + username);
    assertRejected(Transport.REST,
        () -> admin.newAssignUserToGroupCommand().username(username).groupId("no-" + groupId).send().join(),
        Status.Code.NOT_FOUND, 404, "no-" + groupId);
  }

  @OverBothTransports
  void createdUserAuthenticatesWithItsPasswordOnly(Transport transport) {
    String username = uniqueId("auth", transport);
    client(Transport.REST).newCreateUserCommand().username(username).password("right-pass").send().join();

    assertThat(client(transport, username, "right-pass").newTopologyRequest().send().join().getBrokers())
        .isNotEmpty();
    assertRejected(transport,
        () -> client(transport, username, "wrong-pass").newTopologyRequest().send().join(),
        Status.Code.UNAUTHENTICATED, 401, "credentials");

    // a changed password takes effect at once, although the old one was verified (and cached) before
    client(Transport.REST).newUpdateUserCommand(username).password("new-pass").send().join();
    assertRejected(transport,
        () -> client(transport, username, "right-pass").newTopologyRequest().send().join(),
        Status.Code.UNAUTHENTICATED, 401, "credentials");
    assertThat(client(transport, username, "new-pass").newTopologyRequest().send().join().getBrokers())
        .isNotEmpty();
  }

  @OverBothTransports
  void userWithoutAuthorizationIsRefusedUntilGranted(Transport transport) {
    CamundaClient admin = client(Transport.REST);
    String username = uniqueId("novice", transport);
    String groupId = uniqueId("deployers", transport);
    String roleId = uniqueId("starter", transport);
    String processId = uniqueId("guarded", transport);
    admin.newCreateUserCommand().username(username).password("novice-pass").send().join();
    CamundaClient user = client(transport, username, "novice-pass");

    assertRejected(transport, () -> deploy(user, oneTask(processId, processId)),
        Status.Code.PERMISSION_DENIED, 403, "'CREATE' on resource 'RESOURCE'", username);
    deploy(admin, oneTask(processId, processId));
    assertRejected(transport, () -> startInstance(user, processId, Map.of()),
        Status.Code.PERMISSION_DENIED, 403, "'CREATE_PROCESS_INSTANCE' on resource 'PROCESS_DEFINITION'");
    CamundaClient restUser = client(Transport.REST, username, "novice-pass");
    assertRejected(Transport.REST,
        () -> restUser.newCreateUserCommand().username("x-" + username).password("p").send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'CREATE' on resource 'USER'");

    // deploying through a group's authorization, starting through a role of that group
    admin.newCreateGroupCommand().groupId(groupId).name("Deployers").send().join();
    admin.newAssignUserToGroupCommand().username(username).groupId(groupId).send().join();
    admin.newCreateAuthorizationCommand().ownerId(groupId).ownerType(OwnerType.GROUP).resourceId("*")
        .resourceType(ResourceType.RESOURCE).permissionTypes(PermissionType.CREATE).send().join();
    admin.newCreateRoleCommand().roleId(roleId).name("Starter").send().join();
    admin.newAssignRoleToGroupCommand().roleId(roleId).groupId(groupId).send().join();
    admin.newCreateAuthorizationCommand().ownerId(roleId).ownerType(OwnerType.ROLE).resourceId("*")
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.CREATE_PROCESS_INSTANCE)
        .send().join();
    admin.newCreateAuthorizationCommand().ownerId(username).ownerType(OwnerType.USER).resourceId("*")
        .resourceType(ResourceType.USER).permissionTypes(PermissionType.CREATE).send().join();

    deploy(user, oneTask(processId, processId));
    assertThat(startInstance(user, processId, Map.of())).isPositive();
    restUser.newCreateUserCommand().username("x-" + username).password("p").send().join();
  }

  @Test
  void passwordsAreNeitherAnsweredNorAudited() throws Exception {
    String username = uniqueId("secretive", Transport.REST);
    String password = "Pw-" + username + "-never-shown";
    client(Transport.REST).newCreateUserCommand().username(username).password(password).name("S").send().join();
    client(Transport.REST).newUpdateUserCommand(username).password(password + "-2").send().join();

    HttpResponse<String> got = http("GET", "/v2/users/" + username, null, true);
    HttpResponse<String> searched = http("POST", "/v2/users/search", "{}", true);
    assertThat(got.statusCode()).isEqualTo(200);
    assertThat(got.body()).contains(username).doesNotContain(password).doesNotContain("pbkdf2").doesNotContain("assword");
    assertThat(searched.body()).contains(username).doesNotContain(password).doesNotContain("pbkdf2");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement audit = connection.prepareStatement(
            "SELECT count(*), sum(CASE WHEN request LIKE ? THEN 1 ELSE 0 END) FROM engine_audit WHERE target LIKE ?");
        PreparedStatement records = connection.prepareStatement(
            "SELECT count(*) FROM engine_record WHERE value_type = 'USER' AND value LIKE ?")) {
      audit.setString(1, "%" + password + "%");
      audit.setString(2, "%" + username + "%");
      try (ResultSet rows = audit.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).as("audited user commands").isEqualTo(2);
        assertThat(rows.getInt(2)).as("audited requests holding the password").isZero();
      }
      records.setString(1, "%" + password + "%");
      try (ResultSet rows = records.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).as("user records holding the password in clear").isZero();
      }
    }
  }
}

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

  @Test
  void updatesAndDeletesGroupsAndRolesWithTheirMembershipsAndAuthorizations() {
    CamundaClient admin = client(Transport.REST);
    String username = uniqueId("member", Transport.REST);
    String groupId = uniqueId("team", Transport.REST);
    String roleId = uniqueId("reviewer", Transport.REST);
    admin.newCreateUserCommand().username(username).password("member-pass").send().join();
    admin.newCreateGroupCommand().groupId(groupId).name("Team").description("Old").send().join();
    admin.newAssignUserToGroupCommand().username(username).groupId(groupId).send().join();
    admin.newCreateRoleCommand().roleId(roleId).name("Reviewer").send().join();
    admin.newAssignRoleToUserCommand().roleId(roleId).username(username).send().join();
    admin.newAssignRoleToGroupCommand().roleId(roleId).groupId(groupId).send().join();
    grant(admin, OwnerType.GROUP, groupId, ResourceType.USER, PermissionType.READ);
    grant(admin, OwnerType.ROLE, roleId, ResourceType.GROUP, PermissionType.READ);

    var updatedGroup = admin.newUpdateGroupCommand(groupId).name("Renamed team").description("New").send().join();
    assertThat(updatedGroup.getName()).isEqualTo("Renamed team");
    assertThat(admin.newGroupGetRequest(groupId).send().join().getDescription()).isEqualTo("New");
    var updatedRole = admin.newUpdateRoleCommand(roleId).name("Senior reviewer").description("Reviews").send().join();
    assertThat(updatedRole.getRoleId()).isEqualTo(roleId);
    assertThat(admin.newRoleGetRequest(roleId).send().join().getName()).isEqualTo("Senior reviewer");
    assertRejected(Transport.REST,
        () -> admin.newUpdateGroupCommand("no-" + groupId).name("x").description("y").send().join(),
        Status.Code.NOT_FOUND, 404, "no-" + groupId);
    assertRejected(Transport.REST,
        () -> admin.newUpdateRoleCommand("no-" + roleId).name("x").description("y").send().join(),
        Status.Code.NOT_FOUND, 404, "no-" + roleId);

    admin.newDeleteGroupCommand(groupId).send().join();
    assertRejected(Transport.REST, () -> admin.newGroupGetRequest(groupId).send().join(),
        Status.Code.NOT_FOUND, 404, groupId);
    assertThat(admin.newGroupsByRoleSearchRequest(roleId).send().join().items()).isEmpty();
    assertThat(ownedBy(admin, groupId)).isEmpty();
    assertRejected(Transport.REST, () -> admin.newDeleteGroupCommand(groupId).send().join(),
        Status.Code.NOT_FOUND, 404, groupId);

    admin.newDeleteRoleCommand(roleId).send().join();
    assertRejected(Transport.REST, () -> admin.newRoleGetRequest(roleId).send().join(),
        Status.Code.NOT_FOUND, 404, roleId);
    assertThat(ownedBy(admin, roleId)).isEmpty();
    assertRejected(Transport.REST, () -> admin.newDeleteRoleCommand(roleId).send().join(),
        Status.Code.NOT_FOUND, 404, roleId);

    // created again under the same ids: no members, no authorizations from before
    admin.newCreateGroupCommand().groupId(groupId).name("Team again").send().join();
    admin.newCreateRoleCommand().roleId(roleId).name("Reviewer again").send().join();
    assertThat(admin.newUsersByGroupSearchRequest(groupId).send().join().items()).isEmpty();
    assertThat(admin.newUsersByRoleSearchRequest(roleId).send().join().items()).isEmpty();
    assertThat(ownedBy(admin, groupId)).isEmpty();
    assertThat(ownedBy(admin, roleId)).isEmpty();

    // without the administrative role nobody could administer any more
    assertRejected(Transport.REST, () -> admin.newDeleteRoleCommand("admin").send().join(),
        Status.Code.FAILED_PRECONDITION, 409, "'admin'", "administrative role");
    assertThat(admin.newRoleGetRequest("admin").send().join().getRoleId()).isEqualTo("admin");
  }

  @Test
  void updatesAuthorizations() {
    CamundaClient admin = client(Transport.REST);
    String ownerId = uniqueId("granted", Transport.REST);
    long key = admin.newCreateAuthorizationCommand().ownerId(ownerId).ownerType(OwnerType.USER).resourceId("p-1")
        .resourceType(ResourceType.PROCESS_DEFINITION).permissionTypes(PermissionType.READ_PROCESS_DEFINITION)
        .send().join().getAuthorizationKey();
    long other = grant(admin, OwnerType.USER, ownerId, ResourceType.RESOURCE, PermissionType.CREATE);

    admin.newUpdateAuthorizationCommand(key).ownerId(ownerId).ownerType(OwnerType.USER).resourceId("p-2")
        .resourceType(ResourceType.PROCESS_DEFINITION)
        .permissionTypes(PermissionType.READ_PROCESS_DEFINITION, PermissionType.CREATE_PROCESS_INSTANCE)
        .send().join();

    Authorization updated = admin.newAuthorizationGetRequest(key).send().join();
    assertThat(updated.getResourceId()).isEqualTo("p-2");
    assertThat(updated.getPermissionTypes())
        .containsExactly(PermissionType.READ_PROCESS_DEFINITION, PermissionType.CREATE_PROCESS_INSTANCE);
    assertThat(ownedBy(admin, ownerId)).hasSize(2);
    assertRejected(Transport.REST,
        () -> admin.newUpdateAuthorizationCommand(key + 1_000_000_000L).ownerId(ownerId).ownerType(OwnerType.USER)
            .resourceId("*").resourceType(ResourceType.USER).permissionTypes(PermissionType.READ).send().join(),
        Status.Code.NOT_FOUND, 404, String.valueOf(key + 1_000_000_000L));
    // validated as a new one: it may not duplicate another authorization of the owner
    assertRejected(Transport.REST,
        () -> admin.newUpdateAuthorizationCommand(key).ownerId(ownerId).ownerType(OwnerType.USER).resourceId("*")
            .resourceType(ResourceType.RESOURCE).permissionTypes(PermissionType.READ).send().join(),
        Status.Code.ALREADY_EXISTS, 409, ownerId);
    assertThat(admin.newAuthorizationGetRequest(other).send().join().getPermissionTypes())
        .containsExactly(PermissionType.CREATE);
  }

  @Test
  void aDeletedUsersSuccessorInheritsNeitherMembershipsNorAuthorizations() {
    CamundaClient admin = client(Transport.REST);
    String username = uniqueId("leaver", Transport.REST);
    String groupId = uniqueId("leavers", Transport.REST);
    String roleId = uniqueId("leaving", Transport.REST);
    admin.newCreateUserCommand().username(username).password("first-pass").send().join();
    admin.newCreateGroupCommand().groupId(groupId).name("Leavers").send().join();
    admin.newAssignUserToGroupCommand().username(username).groupId(groupId).send().join();
    admin.newCreateRoleCommand().roleId(roleId).name("Leaving").send().join();
    admin.newAssignRoleToUserCommand().roleId(roleId).username(username).send().join();
    grant(admin, OwnerType.USER, username, ResourceType.USER, PermissionType.CREATE);
    client(Transport.REST, username, "first-pass").newCreateUserCommand().username("by-" + username)
        .password("p").send().join();

    admin.newDeleteUserCommand(username).send().join();
    admin.newCreateUserCommand().username(username).password("second-pass").send().join();

    assertThat(ownedBy(admin, username)).isEmpty();
    assertThat(admin.newUsersByGroupSearchRequest(groupId).send().join().items()).isEmpty();
    assertThat(admin.newUsersByRoleSearchRequest(roleId).send().join().items()).isEmpty();
    CamundaClient successor = client(Transport.REST, username, "second-pass");
    assertRejected(Transport.REST,
        () -> successor.newCreateUserCommand().username("by2-" + username).password("p").send().join(),
        Status.Code.PERMISSION_DENIED, 403, "'CREATE' on resource 'USER'");
  }

  @Test
  void pagesIdentitySearchesByCursor() throws Exception {
    CamundaClient admin = client(Transport.REST);
    String prefix = uniqueId("paged", Transport.REST);
    String groupId = uniqueId("paged-group", Transport.REST);
    admin.newCreateGroupCommand().groupId(groupId).name("Paged").send().join();
    for (int i = 1; i <= 5; i++) {
      // names in the opposite order of the usernames, and two alike: ties go by username
      admin.newCreateUserCommand().username(prefix + "-" + i).password("p").name(i <= 2 ? "alike" : "name-" + (9 - i))
          .send().join();
      admin.newAssignUserToGroupCommand().username(prefix + "-" + i).groupId(groupId).send().join();
    }
    // by name descending: name-6 (3), name-5 (4), name-4 (5), alike (1), alike (2)
    var first = admin.newUsersSearchRequest().filter(f -> f.username(u -> u.like(prefix + "-*")))
        .sort(s -> s.name().desc()).page(p -> p.limit(2)).send().join();
    assertThat(first.items()).extracting(User::getUsername).containsExactly(prefix + "-3", prefix + "-4");
    assertThat(first.page().totalItems()).isEqualTo(5);
    var second = admin.newUsersSearchRequest().filter(f -> f.username(u -> u.like(prefix + "-*")))
        .sort(s -> s.name().desc()).page(p -> p.limit(2).after(first.page().endCursor())).send().join();
    assertThat(second.items()).extracting(User::getUsername).containsExactly(prefix + "-5", prefix + "-1");
    var third = admin.newUsersSearchRequest().filter(f -> f.username(u -> u.like(prefix + "-*")))
        .sort(s -> s.name().desc()).page(p -> p.limit(2).after(second.page().endCursor())).send().join();
    assertThat(third.items()).extracting(User::getUsername).containsExactly(prefix + "-2");
    var back = admin.newUsersSearchRequest().filter(f -> f.username(u -> u.like(prefix + "-*")))
        .sort(s -> s.name().desc()).page(p -> p.limit(2).before(third.page().startCursor())).send().join();
    assertThat(back.items()).extracting(User::getUsername).containsExactly(prefix + "-5", prefix + "-1");
    assertThat(back.page().startCursor()).isEqualTo(second.page().startCursor());
    var offset = admin.newUsersSearchRequest().filter(f -> f.username(u -> u.like(prefix + "-*")))
        .sort(s -> s.name().desc()).page(p -> p.from(2).limit(2)).send().join();
    assertThat(offset.items()).extracting(User::getUsername).containsExactly(prefix + "-5", prefix + "-1");

    var members = admin.newUsersByGroupSearchRequest(groupId).page(p -> p.limit(3)).send().join();
    assertThat(members.items()).extracting("username")
        .containsExactly(prefix + "-1", prefix + "-2", prefix + "-3");
    var moreMembers = admin.newUsersByGroupSearchRequest(groupId)
        .page(p -> p.limit(3).after(members.page().endCursor())).send().join();
    assertThat(moreMembers.items()).extracting("username").containsExactly(prefix + "-4", prefix + "-5");
    var groups = admin.newGroupsSearchRequest().filter(f -> f.groupId(groupId)).send().join();
    assertThat(groups.page().startCursor()).isNotNull().isEqualTo(groups.page().endCursor());

    assertRejected(Transport.REST,
        () -> admin.newUsersSearchRequest().page(p -> p.after("not a cursor")).send().join(),
        Status.Code.INVALID_ARGUMENT, 400, "cursor");
    // a cursor of a search sorted otherwise (one sort field more) does not name a place in this one
    HttpResponse<String> wrongSort = http("POST", "/v2/roles/search",
        "{\"page\":{\"after\":\"" + first.page().endCursor() + "\"}}", true);
    assertThat(wrongSort.statusCode()).isEqualTo(400);
    assertThat(wrongSort.body()).contains("cursor");
  }

  @Test
  void identitySearchesShowOnlyTheItemsTheCallerMayRead() {
    CamundaClient admin = client(Transport.REST);
    String viewer = uniqueId("viewer", Transport.REST);
    String seen = uniqueId("seen", Transport.REST);
    String unseen = uniqueId("unseen", Transport.REST);
    admin.newCreateUserCommand().username(viewer).password("viewer-pass").send().join();
    admin.newCreateUserCommand().username(seen).password("p").send().join();
    admin.newCreateUserCommand().username(unseen).password("p").send().join();
    admin.newCreateGroupCommand().groupId(seen).name("Seen").send().join();
    admin.newCreateGroupCommand().groupId(unseen).name("Unseen").send().join();
    admin.newCreateRoleCommand().roleId(seen).name("Seen").send().join();
    admin.newCreateRoleCommand().roleId(unseen).name("Unseen").send().join();
    grant(admin, OwnerType.USER, viewer, ResourceType.USER, seen, PermissionType.READ);
    grant(admin, OwnerType.USER, viewer, ResourceType.GROUP, seen, PermissionType.READ);
    grant(admin, OwnerType.USER, viewer, ResourceType.ROLE, seen, PermissionType.READ);
    CamundaClient user = client(Transport.REST, viewer, "viewer-pass");

    var users = user.newUsersSearchRequest().send().join();
    assertThat(users.items()).extracting(User::getUsername).containsExactly(seen);
    assertThat(users.page().totalItems()).isEqualTo(1);
    assertThat(user.newGroupsSearchRequest().send().join().items()).extracting(Group::getGroupId)
        .containsExactly(seen);
    assertThat(user.newRolesSearchRequest().send().join().items()).extracting(Role::getRoleId)
        .containsExactly(seen);
    assertThat(admin.newUsersSearchRequest().send().join().items()).extracting(User::getUsername)
        .contains(viewer, seen, unseen);
    assertThat(admin.newGroupsSearchRequest().send().join().items()).extracting(Group::getGroupId)
        .contains(seen, unseen);

    grant(admin, OwnerType.USER, viewer, ResourceType.USER, "*", PermissionType.READ);
    assertThat(user.newUsersSearchRequest().send().join().items()).extracting(User::getUsername)
        .contains(viewer, seen, unseen);
  }

  private static long grant(CamundaClient admin, OwnerType ownerType, String ownerId, ResourceType resourceType,
      PermissionType permission) {
    return grant(admin, ownerType, ownerId, resourceType, "*", permission);
  }

  private static long grant(CamundaClient admin, OwnerType ownerType, String ownerId, ResourceType resourceType,
      String resourceId, PermissionType permission) {
    return admin.newCreateAuthorizationCommand().ownerId(ownerId).ownerType(ownerType).resourceId(resourceId)
        .resourceType(resourceType).permissionTypes(permission).send().join().getAuthorizationKey();
  }

  private static java.util.List<Authorization> ownedBy(CamundaClient admin, String ownerId) {
    return admin.newAuthorizationSearchRequest().filter(f -> f.ownerId(ownerId)).send().join().items();
  }
}

package cn.relief.engine.state;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.EmbeddedPostgresTest;
import cn.relief.engine.Engine;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.identity.PasswordHashes;
import cn.relief.engine.log.EventLog;
import cn.relief.engine.log.PostgresEventLog;
import cn.relief.engine.record.AuthorizationRecord;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Users, groups, roles and authorizations survive a restart (from a snapshot and the records
 * after it), and the restored state equals a full replay of the log.
 */
class IdentityRestartTest extends EmbeddedPostgresTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void identitySurvivesARestart() throws Exception {
    EventLog log = new PostgresEventLog(dataSource(), json, 1);
    long authorizationKey;
    try (Engine engine = Engine.start(engineConfig(8, false), log, json)) {
      IdentityCommands identity = engine.identity();
      identity.createUser("ana", "Ana", "ana@relief.example", "pw-ana").join();
      identity.createUser("ben", "Ben", null, "pw-ben").join();
      identity.createGroup("north", "North station", "County north").join();
      identity.assignUserToGroup("north", "ana").join();
      identity.createRole("clerk", "Clerk", null).join();
      identity.assignRole("clerk", IdentityState.GROUP, "north").join();
      identity.assignRole("clerk", IdentityState.USER, "ben").join();
      authorizationKey = identity.createAuthorization(
          new AuthorizationRecord("ROLE", "clerk", "RESOURCE", "*", List.of("CREATE"))).join();
      identity.createUser("cleo", "Cleo", null, "pw-cleo").join();
      identity.createGroup("south", "South station", null).join();
      identity.assignUserToGroup("south", "ben").join();
      identity.createAuthorization(new AuthorizationRecord("GROUP", "south", "USER", "*", List.of("READ"))).join();
      identity.createRole("auditor", "Auditor", null).join();
      identity.assignRole("auditor", IdentityState.USER, "cleo").join();
      Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> log.latestSnapshot().isPresent());
      // after the snapshot: only in the records replayed after it
      identity.assignUserToGroup("north", "cleo").join();
      identity.unassignRole("clerk", IdentityState.USER, "ben").join();
      identity.deleteUser("ana").join();
      identity.updateGroup("north", "North", "County north, renamed").join();
      identity.updateRole("clerk", "Senior clerk", "Files").join();
      identity.updateAuthorization(authorizationKey,
          new AuthorizationRecord("ROLE", "clerk", "RESOURCE", "*", List.of("CREATE", "READ"))).join();
      identity.deleteGroup("south").join();
      identity.deleteRole("auditor").join();
    }

    EventLog.StoredSnapshot snapshot = log.latestSnapshot().orElseThrow();
    assertThat(new String(RebuiltState.document(log, Optional.of(snapshot), json), StandardCharsets.UTF_8))
        .isEqualTo(new String(RebuiltState.document(log, Optional.empty(), json), StandardCharsets.UTF_8));

    try (Engine engine = Engine.start(engineConfig(8, false), log, json)) {
      IdentityState identity = engine.identity().state();
      assertThat(identity.user("ana")).isNull();
      assertThat(identity.user("ben").name()).isEqualTo("Ben");
      assertThat(PasswordHashes.matches("pw-cleo", identity.user("cleo").passwordHash())).isTrue();
      assertThat(identity.group("north").description()).isEqualTo("County north, renamed");
      assertThat(identity.role("clerk").name()).isEqualTo("Senior clerk");
      assertThat(identity.group("south")).isNull();
      assertThat(identity.groupsOf("ben")).isEmpty();
      assertThat(identity.role("auditor")).isNull();
      assertThat(identity.authorizationsOwnedBy("GROUP", "south")).isEmpty();
      assertThat(identity.usersOfGroup("north")).containsExactly("cleo");
      assertThat(identity.rolesOf("cleo")).containsExactly("clerk");
      assertThat(identity.rolesOf("ben")).isEmpty();
      assertThat(identity.authorization(authorizationKey).permissionTypes()).containsExactly("CREATE", "READ");
    }
  }
}

package cn.relief.engine.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which permission each kind of REST request needs, with Camunda 8.8's names. */
class RestPermissionsTest {

  @Test
  void identityRequestsNeedTheirResourcesPermissions() {
    assertThat(required("POST", "/v2/users")).contains(new Permission("USER", "CREATE"));
    assertThat(required("POST", "/v2/users/search")).contains(new Permission("USER", "READ"));
    assertThat(required("GET", "/v2/users/ana")).contains(new Permission("USER", "READ", "ana"));
    assertThat(required("PUT", "/v2/users/ana")).contains(new Permission("USER", "UPDATE", "ana"));
    assertThat(required("DELETE", "/v2/users/ana")).contains(new Permission("USER", "DELETE", "ana"));
    assertThat(required("PUT", "/v2/groups/north/users/ana")).contains(new Permission("GROUP", "UPDATE", "north"));
    assertThat(required("DELETE", "/v2/roles/clerk/groups/north")).contains(new Permission("ROLE", "UPDATE", "clerk"));
    assertThat(required("GET", "/v2/users/%E5%BC%A0%E4%B8%89")).contains(new Permission("USER", "READ", "张三"));
    assertThat(required("POST", "/v2/authorizations")).contains(new Permission("AUTHORIZATION", "CREATE"));
    assertThat(required("PUT", "/v2/groups/north")).contains(new Permission("GROUP", "UPDATE", "north"));
    assertThat(required("DELETE", "/v2/groups/north")).contains(new Permission("GROUP", "DELETE", "north"));
    assertThat(required("PUT", "/v2/roles/clerk")).contains(new Permission("ROLE", "UPDATE", "clerk"));
    assertThat(required("DELETE", "/v2/roles/clerk")).contains(new Permission("ROLE", "DELETE", "clerk"));
    assertThat(required("PUT", "/v2/authorizations/42")).contains(new Permission("AUTHORIZATION", "UPDATE"));
    assertThat(required("POST", "/v2/groups/north/users/search")).contains(new Permission("GROUP", "READ", "north"));
  }

  /** Spring MVC matches these to the same controllers; read from the raw text they needed nothing. */
  @Test
  void aPathSpelledDifferentlyNeedsTheSamePermission() {
    assertThat(required("POST", "/v2/users;x")).contains(new Permission("USER", "CREATE"));
    assertThat(required("POST", "/v2;x/users")).contains(new Permission("USER", "CREATE"));
    assertThat(required("POST", "/v2/%75sers")).contains(new Permission("USER", "CREATE"));
    assertThat(required("PUT", "/v2/roles;a=b/admin/users/ana")).contains(new Permission("ROLE", "UPDATE", "admin"));
    assertThat(required("POST", "/v2/relief/%61udit/search")).contains(new Permission("SYSTEM", "READ"));
    assertThat(required("POST", "/v2/process-instances/search;x"))
        .contains(new Permission("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE"));
    assertThat(RestPermissions.canonicalPath("/v2/users;x/ana;y")).isEqualTo("/v2/users/ana");
  }

  @Test
  void processRequestsNeedDefinitionPermissions() {
    assertThat(required("POST", "/v2/deployments")).contains(new Permission("RESOURCE", "CREATE"));
    assertThat(required("POST", "/v2/process-instances"))
        .contains(new Permission("PROCESS_DEFINITION", "CREATE_PROCESS_INSTANCE"));
    assertThat(required("POST", "/v2/process-instances/search"))
        .contains(new Permission("PROCESS_DEFINITION", "READ_PROCESS_INSTANCE"));
    assertThat(required("POST", "/v2/process-instances/42/cancellation"))
        .contains(new Permission("PROCESS_DEFINITION", "CANCEL_PROCESS_INSTANCE"));
    assertThat(required("POST", "/v2/process-instances/42/modification"))
        .contains(new Permission("PROCESS_DEFINITION", "MODIFY_PROCESS_INSTANCE"));
    assertThat(required("POST", "/v2/process-instances/42/migration"))
        .contains(new Permission("PROCESS_DEFINITION", "UPDATE_PROCESS_INSTANCE"));
    assertThat(required("POST", "/v2/decision-instances/search"))
        .contains(new Permission("DECISION_DEFINITION", "READ_DECISION_INSTANCE"));
  }

  @Test
  void theAuditTrailIsForAuditorsAndPurgingForThoseWhoMayDeleteInstances() {
    assertThat(required("GET", "/v2/relief/audit/verification")).contains(new Permission("SYSTEM", "READ"));
    assertThat(required("POST", "/v2/relief/audit/search")).contains(new Permission("SYSTEM", "READ"));
    assertThat(required("GET", "/v2/relief/history/retention")).contains(new Permission("SYSTEM", "READ"));
    assertThat(required("POST", "/v2/relief/history/retention/purge"))
        .contains(new Permission("PROCESS_DEFINITION", "DELETE_PROCESS_INSTANCE"));
    assertThat(required("PUT", "/v2/clock")).contains(new Permission("SYSTEM", "UPDATE"));
  }

  @Test
  void aDryRunOfADeploymentNeedsWhatTheDeploymentNeeds() {
    assertThat(required("POST", "/v2/relief/deployments/validation")).contains(new Permission("RESOURCE", "CREATE"))
        .isEqualTo(required("POST", "/v2/deployments"));
  }

  @Test
  void workerRequestsNeedOnlyAnAuthenticatedUser() {
    assertThat(required("POST", "/v2/jobs/activation")).isEmpty();
    assertThat(required("POST", "/v2/messages/publication")).isEmpty();
    assertThat(required("GET", "/v2/topology")).isEmpty();
  }

  private static Optional<Permission> required(String method, String path) {
    return RestPermissions.required(method, path);
  }
}

package cn.relief.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReliefRoleTest {
  @Test
  void mapsEngineRolesToAuthorities() {
    assertThat(ReliefRole.ofRoleIds(List.of("caseworker", "auditor", "some-other-role")))
        .extracting(ReliefRole::authority).containsExactly("ROLE_CASEWORKER", "ROLE_AUDITOR");
    assertThat(ReliefRole.ofRoleId("admin")).contains(ReliefRole.ADMIN);
    assertThat(ReliefRole.ofRoleId("station-head").map(ReliefRole::authority)).contains("ROLE_STATION_HEAD");
    assertThat(ReliefRole.ofRoleId("regional-centre").map(ReliefRole::authority)).contains("ROLE_REGIONAL_CENTRE");
    assertThat(ReliefRole.ofRoleId("policy-staff").map(ReliefRole::authority)).contains("ROLE_POLICY_STAFF");
    assertThat(ReliefRole.ofRoleId("unknown")).isEmpty();
  }

  @Test
  void everyRoleHasBothNames() {
    for (ReliefRole role : ReliefRole.values()) {
      assertThat(role.nameZh()).as(role.name()).isNotBlank();
      assertThat(role.nameEn()).as(role.name()).isNotBlank();
    }
  }
}

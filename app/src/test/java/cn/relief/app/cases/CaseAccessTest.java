package cn.relief.app.cases;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;

class CaseAccessTest {
  static final String TIANHE = "org-station-tianhe";
  static final String BAIYUN = "org-station-baiyun";
  static final String CENTRE = "org-regional-huanan";

  final CaseAccess access = new CaseAccess(CENTRE);

  static EngineUser user(ReliefRole role, String organisation) {
    return new EngineUser(role.roleId() + "@" + organisation, null, List.of(role), organisation, organisation);
  }

  @Test
  void aCaseworkerOpensTheCasesOfTheirOwnStationOnly() {
    CaseScope tianhe = access.scope(TIANHE, false);
    assertThat(access.canRead(user(ReliefRole.CASEWORKER, TIANHE), tianhe)).isTrue();
    assertThat(access.canWork(user(ReliefRole.CASEWORKER, TIANHE), tianhe)).isTrue();
    assertThat(access.canRead(user(ReliefRole.CASEWORKER, BAIYUN), tianhe)).isFalse();
    assertThatThrownBy(() -> access.checkRead(user(ReliefRole.CASEWORKER, BAIYUN), tianhe))
        .isInstanceOf(AccessDeniedException.class);
  }

  @Test
  void theCentreSeesACaseOnlyOnceItWasEscalatedToIt() {
    EngineUser centre = user(ReliefRole.REGIONAL_CENTRE, CENTRE);
    assertThat(access.canRead(centre, access.scope(TIANHE, false))).isFalse();
    assertThat(access.canWork(centre, access.scope(TIANHE, true))).isTrue();
    assertThat(access.isOwnStation(centre, access.scope(TIANHE, true))).isFalse();
  }

  @Test
  void auditorsReadEverythingAndWorkOnNothingPolicyStaffSeeNoCase() {
    CaseScope tianhe = access.scope(TIANHE, true);
    EngineUser auditor = user(ReliefRole.AUDITOR, "org-city-guangzhou");
    assertThat(access.canRead(auditor, tianhe)).isTrue();
    assertThat(access.canWork(auditor, tianhe)).isFalse();
    assertThat(access.canRead(user(ReliefRole.POLICY_STAFF, TIANHE), tianhe)).isFalse();
    assertThat(access.canWork(user(ReliefRole.ADMIN, "org-city-guangzhou"), tianhe)).isTrue();
  }

  @Test
  void aUserWithoutOrganisationOpensNoStationsCase() {
    assertThat(access.canRead(user(ReliefRole.CASEWORKER, null), access.scope(TIANHE, false))).isFalse();
    assertThat(access.canRead(user(ReliefRole.CASEWORKER, null), access.scope(null, false))).isFalse();
  }
}

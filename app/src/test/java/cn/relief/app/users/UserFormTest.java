package cn.relief.app.users;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.security.ReliefRole;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UserFormTest {
  private static final Set<String> ORGANISATIONS = Set.of("org-station-tianhe");

  @Test
  void aCompleteFormHasNoErrors() {
    UserForm form = new UserForm(" zhou.worker ", "周社工", "zhou@relief.example", "long-enough", "CASEWORKER",
        "org-station-tianhe");
    assertThat(form.errorsForCreation(ORGANISATIONS)).isEmpty();
    assertThat(form.username()).isEqualTo("zhou.worker");
    assertThat(form.reliefRole()).isEqualTo(ReliefRole.CASEWORKER);
  }

  @Test
  void eachWrongFieldIsNamedWithItsReason() {
    UserForm form = new UserForm("Zhou Worker", "", "not-an-address", "short", "KING", "org-nowhere");
    assertThat(form.errorsForCreation(ORGANISATIONS)).containsOnlyKeys("username", "password", "name", "email",
        "role", "organisation").containsEntry("password", "users.error.password")
        .containsEntry("username", "users.error.username");
  }

  @Test
  void aChangeNeedsNoPasswordButANewOneMustBeLongEnough() {
    UserForm keep = new UserForm("", "王站长", "wang@relief.example", "", "STATION_HEAD", "org-station-tianhe");
    assertThat(keep.errorsForChange(ORGANISATIONS)).isEmpty();
    UserForm tooShort = new UserForm("", "王站长", "wang@relief.example", "1234567", "STATION_HEAD",
        "org-station-tianhe");
    assertThat(tooShort.errorsForChange(ORGANISATIONS)).containsOnlyKeys("password");
  }
}

package cn.relief.workers.registration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IdNumberCheckWorkerTest {

  @Test
  void aValidNumberOrNoneAtAllMayBeRegistered() {
    assertThat(IdNumberCheckWorker.refusal("11010519491231002X")).isEmpty();
    assertThat(IdNumberCheckWorker.refusal("11010519491231002x")).isEmpty();
    assertThat(IdNumberCheckWorker.refusal(null)).isEmpty();
    assertThat(IdNumberCheckWorker.refusal(" ")).isEmpty();
  }

  @Test
  void aWrongCheckCharacterOrBirthDateIsRefusedWithTheNumberInTheReason() {
    assertThat(IdNumberCheckWorker.refusal("110105194912310021")).get().asString()
        .contains("校验位").doesNotContain("110105194912310021");
    assertThat(IdNumberCheckWorker.refusal("110105199002300028")).isPresent();
  }
}

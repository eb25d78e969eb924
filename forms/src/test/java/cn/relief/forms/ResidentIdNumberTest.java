package cn.relief.forms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResidentIdNumberTest {

  /** The check character computed independently of the class: sum of digit * 2^(17-i) mod 11. */
  private static char expectedCheck(String first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      int weight = (1 << (17 - i)) % 11;
      sum += (first17.charAt(i) - '0') * weight;
    }
    int check = (12 - sum % 11) % 11;
    return check == 10 ? 'X' : (char) ('0' + check);
  }

  private static String withCheck(String first17) {
    return first17 + expectedCheck(first17);
  }

  @Test
  void theStandardExampleOfGb11643IsValid() {
    // the example number printed in GB 11643-1999 (a Beijing address code, born 1949-12-31)
    assertThat(ResidentIdNumber.isValid("11010519491231002X")).isTrue();
    assertThat(ResidentIdNumber.isValid("11010519491231002x")).isTrue();
    assertThat(ResidentIdNumber.checkCharacter("11010519491231002")).isEqualTo('X');
  }

  @Test
  void numbersWithTheComputedCheckCharacterAreValid() {
    for (String first17 : new String[] {
        "44030419850615123", "51012919700101001", "65010220120229004", "32058319990909876",
        "43010220001231008", "11010820230101001"}) {
      String number = withCheck(first17);
      assertThat(ResidentIdNumber.isValid(number)).as(number).isTrue();
      assertThat(ResidentIdNumber.checkCharacter(first17)).isEqualTo(expectedCheck(first17));
    }
  }

  @Test
  void aWrongCheckCharacterIsRefused() {
    String first17 = "44030419850615123";
    char right = expectedCheck(first17);
    for (char wrong : "0123456789X".toCharArray()) {
      if (wrong != right) {
        assertThat(ResidentIdNumber.isValid(first17 + wrong)).as(first17 + wrong).isFalse();
      }
    }
  }

  @Test
  void aSwappedDigitIsRefused() {
    String valid = withCheck("44030419850615123");
    String swapped = valid.substring(0, 14) + valid.charAt(15) + valid.charAt(14) + valid.substring(16);
    assertThat(ResidentIdNumber.isValid(swapped)).isFalse();
  }

  @Test
  void impossibleOrFutureBirthDatesAreRefused() {
    assertThat(ResidentIdNumber.isValid(withCheck("44030419900230123"))).as("30 February").isFalse();
    assertThat(ResidentIdNumber.isValid(withCheck("44030419890229123"))).as("1989 was no leap year").isFalse();
    assertThat(ResidentIdNumber.isValid(withCheck("44030420990101123"))).as("born in the future").isFalse();
    assertThat(ResidentIdNumber.isValid(withCheck("44030417990101123"))).as("before 1800").isFalse();
  }

  @Test
  void wrongShapesAreRefused() {
    assertThat(ResidentIdNumber.isValid(null)).isFalse();
    assertThat(ResidentIdNumber.isValid("")).isFalse();
    assertThat(ResidentIdNumber.isValid("440304850615123")).as("old 15-digit number").isFalse();
    assertThat(ResidentIdNumber.isValid(withCheck("04030419850615123"))).as("address code starts with 0").isFalse();
    assertThat(ResidentIdNumber.isValid(" " + withCheck("44030419850615123"))).isFalse();
    assertThat(ResidentIdNumber.isValid("4403041985061512Y3")).isFalse();
  }

  @Test
  void checkCharacterNeedsSeventeenDigits() {
    assertThatThrownBy(() -> ResidentIdNumber.checkCharacter("1234")).isInstanceOf(IllegalArgumentException.class);
  }
}

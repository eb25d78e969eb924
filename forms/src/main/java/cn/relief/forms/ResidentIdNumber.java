package cn.relief.forms;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * The citizen identity number of the People's Republic of China (公民身份号码, GB 11643-1999): six
 * digits of the address code, eight of the birth date (YYYYMMDD), three of the sequence code and
 * one check character, a digit or {@code X}. The forms check the shape with a pattern; the check
 * character (ISO 7064 MOD 11-2) and the birth date cannot be checked by form-js rules, so the server
 * checks them here.
 */
public final class ResidentIdNumber {
  /** The shape the registration form's pattern also checks (kept identical to the form). */
  public static final String PATTERN =
      "^[1-9]\\d{5}(18|19|20)\\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\\d|3[01])\\d{3}[0-9Xx]$";

  private static final Pattern SHAPE = Pattern.compile(PATTERN);
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK_CHARACTERS = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

  private ResidentIdNumber() {}

  /**
   * True if the text is an 18-character identity number with a real birth date, not in the future,
   * and the right check character (a lower-case {@code x} is accepted as people type it).
   */
  public static boolean isValid(String text) {
    if (text == null || !SHAPE.matcher(text).matches()) {
      return false;
    }
    LocalDate birthDate;
    try {
      birthDate = LocalDate.of(Integer.parseInt(text.substring(6, 10)), Integer.parseInt(text.substring(10, 12)),
          Integer.parseInt(text.substring(12, 14)));
    } catch (DateTimeException e) {
      return false; // e.g. 19900230
    }
    if (birthDate.isAfter(LocalDate.now())) {
      return false;
    }
    return Character.toUpperCase(text.charAt(17)) == checkCharacter(text.substring(0, 17));
  }

  /** The check character of the first 17 digits (ISO 7064 MOD 11-2 as GB 11643 defines it). */
  public static char checkCharacter(String first17Digits) {
    if (first17Digits == null || !first17Digits.matches("\\d{17}")) {
      throw new IllegalArgumentException("expected the first 17 digits of an identity number, but got '"
          + first17Digits + "'");
    }
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17Digits.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK_CHARACTERS[sum % 11];
  }
}

package cn.relief.app.cases;

import cn.relief.app.security.EngineUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Masks the personal data of the people helped for those without need (issue E7): ID numbers,
 * photos and a minor's identity are shown to the staff working on the case (its station, and
 * the centre it was escalated to); the shelter's location only to the station that placed the
 * person. Everyone else (auditors, administrators, policy staff) sees that a value exists, not
 * what it is: an administrator manages users and repairs incidents, and needs no one's identity. Applied to variables at any depth, before they reach a page, a CSV or a PDF.
 */
@Component
public class PersonalData {
  /** In both languages: it also goes into CSV and PDF files, whoever reads them. */
  public static final String HIDDEN = "（已隐藏 / hidden）";

  static final Set<String> ID_NUMBERS = Set.of("idNumber", "guardianIdNumber", "collectorIdNumber");
  static final Set<String> PHOTOS = Set.of("photo", "photoDocumentId", "photoUrl");
  /** What identifies a minor beyond the ID number. */
  static final Set<String> MINOR_IDENTITY = Set.of("fullName", "hukouAddress", "guardianName", "phone",
      "birthDate", "closeRelatives", "collectorName", "respondentName", "guardianPhone", "relativePhone");
  static final Set<String> SHELTER_LOCATION = Set.of("shelterLocation", "shelterAddress");

  private final CaseAccess access;

  public PersonalData(CaseAccess access) {
    this.access = access;
  }

  /** The variables as this user may see them. */
  public Map<String, Object> visibleTo(EngineUser user, CaseScope scope, Map<String, Object> variables) {
    boolean working = access.isCaseStaffOf(user, scope);
    boolean ownStation = access.isOwnStation(user, scope);
    boolean minor = isMinor(variables);
    return mask(variables, working, ownStation, minor);
  }

  /** As above, for variables that may not say the person's age (a task's, a linked process's): the case says. */
  public Map<String, Object> visibleTo(EngineUser user, CaseScope scope, Map<String, Object> variables,
      Map<String, Object> caseVariables) {
    return mask(variables, access.isCaseStaffOf(user, scope), access.isOwnStation(user, scope),
        isMinor(variables) || isMinor(caseVariables));
  }

  /** A person under 18, or a case marked confidential as a minor's. */
  public static boolean isMinor(Map<String, Object> variables) {
    return Boolean.TRUE.equals(variables.get("isMinor")) || Boolean.TRUE.equals(variables.get("minorConfidential"))
        || Boolean.TRUE.equals(variables.get("discoveryIsMinor"))
        || age(variables.get("age")) < 18 || bornWithinEighteenYears(variables.get("birthDate"));
  }

  /** The age as a form or a worker wrote it (a number or digits); unknown counts as an adult's. */
  private static int age(Object age) {
    if (age instanceof Number number) {
      return number.intValue();
    }
    if (age instanceof String text && text.trim().matches("\\d{1,3}")) {
      return Integer.parseInt(text.trim());
    }
    return Integer.MAX_VALUE;
  }

  /** A birth date (yyyy-MM-dd, as the registration form writes it) less than 18 years ago. */
  private static boolean bornWithinEighteenYears(Object birthDate) {
    if (!(birthDate instanceof String text) || text.length() < 10) {
      return false;
    }
    try {
      return java.time.LocalDate.parse(text.substring(0, 10)).plusYears(18)
          .isAfter(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
    } catch (java.time.format.DateTimeParseException e) {
      return false;
    }
  }

  /** Whether a value is one this class put in place of the real one (sent back from a prefilled form). */
  public static boolean isMasked(Object value) {
    return value instanceof String text && (text.equals(HIDDEN) || MASKED_ID_NUMBER.matcher(text).matches());
  }

  private static final java.util.regex.Pattern MASKED_ID_NUMBER =
      java.util.regex.Pattern.compile("\\d{4}\\*{1,14}[0-9Xx]{4}");

  /** 440106199001011234 becomes 4401**********1234: the region and check digits stay. */
  public static String maskIdNumber(String idNumber) {
    if (idNumber == null || idNumber.length() < 9) {
      return HIDDEN;
    }
    return idNumber.substring(0, 4) + "*".repeat(idNumber.length() - 8) + idNumber.substring(idNumber.length() - 4);
  }

  private static Map<String, Object> mask(Map<?, ?> values, boolean working, boolean ownStation, boolean minor) {
    Map<String, Object> masked = new LinkedHashMap<>();
    values.forEach((key, value) -> masked.put(String.valueOf(key),
        maskValue(String.valueOf(key), value, working, ownStation, minor)));
    return masked;
  }

  private static Object maskValue(String key, Object value, boolean working, boolean ownStation, boolean minor) {
    if (value == null) {
      return null;
    }
    if (SHELTER_LOCATION.contains(key) && !ownStation) {
      return HIDDEN;
    }
    if (!working) {
      if (ID_NUMBERS.contains(key)) {
        return value instanceof String id ? maskIdNumber(id) : HIDDEN;
      }
      if (PHOTOS.contains(key) || minor && MINOR_IDENTITY.contains(key)) {
        return HIDDEN;
      }
    }
    if (value instanceof Map<?, ?> map) {
      return mask(map, working, ownStation, minor);
    }
    if (value instanceof List<?> list) {
      List<Object> items = new ArrayList<>();
      for (Object item : list) {
        items.add(item instanceof Map<?, ?> map ? mask(map, working, ownStation, minor) : item);
      }
      return items;
    }
    return value;
  }
}

package cn.relief.app.users;

import cn.relief.app.security.ReliefRole;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A user as the administrator enters it: created with every field, changed with role,
 * organisation, name and e-mail and, when given, a new password. {@link #errors} names each
 * field that is wrong with the message key that says why.
 */
public record UserForm(String username, String name, String email, String password, String role,
    String organisation) {
  /** Lower-case letters, digits, dot, dash and underscore, starting with a letter: usable in URLs and logs. */
  static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{2,31}");
  static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final int MIN_PASSWORD = 8;
  static final int MAX_NAME = 100;

  public UserForm {
    username = trim(username);
    name = trim(name);
    email = trim(email);
    role = trim(role);
    organisation = trim(organisation);
    password = password == null ? "" : password;
  }

  static UserForm empty() {
    return new UserForm("", "", "", "", ReliefRole.CASEWORKER.name(), "");
  }

  /** For a new user: every field. */
  Map<String, String> errorsForCreation(Set<String> organisations) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (!USERNAME.matcher(username).matches()) {
      errors.put("username", "users.error.username");
    }
    if (password.length() < MIN_PASSWORD) {
      errors.put("password", "users.error.password");
    }
    errors.putAll(errorsForChange(organisations));
    return errors;
  }

  /** For a change: the password only if a new one is given. */
  Map<String, String> errorsForChange(Set<String> organisations) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (name.isEmpty() || name.length() > MAX_NAME) {
      errors.put("name", "users.error.name");
    }
    if (!EMAIL.matcher(email).matches()) {
      errors.put("email", "users.error.email");
    }
    if (!password.isEmpty() && password.length() < MIN_PASSWORD) {
      errors.putIfAbsent("password", "users.error.password");
    }
    if (reliefRole() == null) {
      errors.put("role", "users.error.role");
    }
    if (!organisations.contains(organisation)) {
      errors.put("organisation", "users.error.organisation");
    }
    return errors;
  }

  /** The chosen role, null if it is none of the application's. */
  ReliefRole reliefRole() {
    for (ReliefRole candidate : ReliefRole.values()) {
      if (candidate.name().equals(role)) {
        return candidate;
      }
    }
    return null;
  }

  private static String trim(String value) {
    return value == null ? "" : value.trim();
  }
}

package cn.relief.app.cases;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;

/**
 * The cases list's search: words in the case number or the person's name (as the user sees it: a
 * masked name is not found by its letters), the state ({@code active}, {@code completed} or all)
 * and the day the case started, from and to (inclusive, in the stations' time zone).
 */
record CaseSearch(String text, String state, LocalDate from, LocalDate to, ZoneId zone) {
  CaseSearch {
    text = text == null || text.isBlank() ? null : text.trim();
    state = "active".equals(state) || "completed".equals(state) ? state : "all";
  }

  boolean matches(CaseFile caseFile, Map<String, Object> visible) {
    if (text != null) {
      String words = text.toLowerCase(Locale.ROOT);
      Object name = visible.get("fullName");
      boolean found = caseFile.reference().toLowerCase(Locale.ROOT).contains(words)
          || name != null && name.toString().toLowerCase(Locale.ROOT).contains(words);
      if (!found) {
        return false;
      }
    }
    if ("active".equals(state) && !caseFile.active() || "completed".equals(state) && caseFile.active()) {
      return false;
    }
    if (caseFile.startDate() == null) {
      return from == null && to == null;
    }
    LocalDate started = caseFile.startDate().atZoneSameInstant(zone).toLocalDate();
    return (from == null || !started.isBefore(from)) && (to == null || !started.isAfter(to));
  }
}

package cn.relief.app.patrol;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** A new plan as chosen on the areas page: a team of the area's station, a time (HH:mm) and the days. */
public record PlanForm(String teamId, String startTime, List<Integer> days) {

  /** The time, or null if it is not one. */
  LocalTime time() {
    try {
      return startTime == null ? null : LocalTime.parse(startTime.strip());
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** The ISO days chosen (1 = Monday); empty if none or one is not a day. */
  Set<DayOfWeek> dayset() {
    Set<DayOfWeek> set = EnumSet.noneOf(DayOfWeek.class);
    if (days == null) {
      return set;
    }
    for (Integer day : days) {
      if (day == null || day < 1 || day > 7) {
        return EnumSet.noneOf(DayOfWeek.class);
      }
      set.add(DayOfWeek.of(day));
    }
    return set;
  }
}

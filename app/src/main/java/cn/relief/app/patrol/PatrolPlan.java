package cn.relief.app.patrol;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A station head's plan: the team patrols the area at the time on the days (每天 20:00, 周五周六 22:00). */
public record PatrolPlan(long id, String areaId, String teamId, LocalTime startTime, Set<DayOfWeek> days,
    boolean active, Instant createdAt) {

  /**
   * The times the plan's rounds are due in {@code (from, to]}, never before the plan was made (a
   * plan made at 20:30 for 20:00 starts tomorrow). Wall-clock times in {@code zone}: a time that
   * daylight saving skips is moved forward, as {@link java.time.ZonedDateTime} does.
   */
  public List<Instant> dueBetween(Instant from, Instant to, ZoneId zone) {
    Instant after = from.isBefore(createdAt) ? createdAt : from;
    List<Instant> due = new ArrayList<>();
    if (!active || !after.isBefore(to)) {
      return due;
    }
    LocalDate day = after.atZone(zone).toLocalDate();
    LocalDate last = to.atZone(zone).toLocalDate();
    for (; !day.isAfter(last); day = day.plusDays(1)) {
      if (days.contains(day.getDayOfWeek())) {
        Instant at = day.atTime(startTime).atZone(zone).toInstant();
        if (at.isAfter(after) && !at.isAfter(to)) {
          due.add(at);
        }
      }
    }
    return due;
  }
}

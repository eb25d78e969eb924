package cn.relief.workers.deadlines;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Deadlines counted in working days (e.g. 2015意见: ask the police for DNA within 7 working days). */
@Service
public class WorkingDayCalendar {

  private static final Logger LOG = LoggerFactory.getLogger(WorkingDayCalendar.class);

  private final Set<LocalDate> holidays;
  private final Set<LocalDate> workingWeekends;
  private final CalendarProperties properties;

  public WorkingDayCalendar(CalendarProperties properties) {
    this.properties = properties;
    this.holidays = Set.copyOf(properties.holidays());
    this.workingWeekends = Set.copyOf(properties.workingWeekends());
  }

  public boolean isWorkingDay(LocalDate day) {
    if (workingWeekends.contains(day)) {
      return true;
    }
    if (holidays.contains(day)) {
      return false;
    }
    return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
  }

  /**
   * The n-th working day after {@code from}. The day the period starts is not counted (民法典
   * 第201条: 开始的当日不计入).
   */
  public LocalDate addWorkingDays(LocalDate from, int workingDays) {
    if (workingDays < 0) {
      throw new IllegalArgumentException("Expected a number of working days >= 0 but found " + workingDays);
    }
    warnIfYearNotConfigured(from);
    LocalDate day = from;
    int counted = 0;
    while (counted < workingDays) {
      day = day.plusDays(1);
      if (isWorkingDay(day)) {
        counted++;
      }
    }
    warnIfYearNotConfigured(day);
    return day;
  }

  /**
   * When a period of {@code workingDays} starting at {@code start} ends: at the end of its last working
   * day, i.e. midnight that follows it, in the calendar's zone (a timer's {@code timeDate}).
   */
  public OffsetDateTime dueDate(Instant start, int workingDays) {
    LocalDate from = start.atZone(properties.zone()).toLocalDate();
    return addWorkingDays(from, workingDays).plusDays(1).atStartOfDay(properties.zone()).toOffsetDateTime();
  }

  private void warnIfYearNotConfigured(LocalDate day) {
    boolean known = holidays.stream().anyMatch(h -> h.getYear() == day.getYear());
    if (!known) {
      LOG.warn("No public holidays configured for {} (relief.calendar.holidays): counting weekends only",
          day.getYear());
    }
  }
}

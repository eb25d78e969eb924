package cn.relief.workers.deadlines;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The working-day calendar ({@code relief.calendar.*}): the State Council publishes each year's
 * public holidays and the weekend days worked in exchange (调休) late in the year before, so they are
 * configuration, not code.
 *
 * @param holidays days off that would otherwise be working days (weekend days may be listed too)
 * @param workingWeekends Saturdays and Sundays that are working days (调休上班)
 * @param zone where deadlines fall at midnight
 */
@ConfigurationProperties("relief.calendar")
public record CalendarProperties(List<LocalDate> holidays, List<LocalDate> workingWeekends, ZoneId zone) {

  public CalendarProperties {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workingWeekends = workingWeekends == null ? List.of() : List.copyOf(workingWeekends);
    zone = zone == null ? ZoneId.of("Asia/Shanghai") : zone;
  }
}

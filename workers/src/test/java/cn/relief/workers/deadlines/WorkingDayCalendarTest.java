package cn.relief.workers.deadlines;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.workers.job.JobVariables;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class WorkingDayCalendarTest {

  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  @Test
  void weekendsAreNotCountedAndTheStartDayIsNot() {
    var calendar = new WorkingDayCalendar(new CalendarProperties(List.of(), List.of(), CHINA));

    // Friday 2026-11-27 + 7 working days: Mon 30, Tue 1, Wed 2, Thu 3, Fri 4, Mon 7, Tue 8
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 27), 7)).isEqualTo(LocalDate.of(2026, 12, 8));
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 11, 27), 0)).isEqualTo(LocalDate.of(2026, 11, 27));
  }

  @Test
  void holidaysAreSkippedAndMakeUpWeekendsCount() {
    var calendar = new WorkingDayCalendar(new CalendarProperties(
        dates("2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"),
        dates("2026-10-10"), CHINA));

    // Wed 30 Sep + 7: Oct 1-7 off, Thu 8, Fri 9, Sat 10 (worked), Mon 12, Tue 13, Wed 14, Thu 15
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 9, 30), 7)).isEqualTo(LocalDate.of(2026, 10, 15));
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 10))).isTrue();
    assertThat(calendar.isWorkingDay(LocalDate.of(2026, 10, 2))).isFalse();
  }

  @Test
  void theDefaultCalendarIsConfigurationThatBinds() throws IOException {
    Properties defaults = new Properties();
    try (var in = getClass().getResourceAsStream("/relief-workers-defaults.properties")) {
      defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    CalendarProperties properties = new Binder(new MapConfigurationPropertySource(defaults))
        .bind("relief.calendar", CalendarProperties.class).get();

    assertThat(properties.holidays()).hasSize(33).contains(LocalDate.of(2026, 2, 17));
    assertThat(properties.workingWeekends()).contains(LocalDate.of(2026, 2, 28));
    var calendar = new WorkingDayCalendar(properties);
    // Spring Festival 2026: Fri 13 Feb + 7: Sat 14 (worked), Feb 15-23 off, Tue 24 .. Fri 27, Sat 28 (worked), Mon 2 Mar
    assertThat(calendar.addWorkingDays(LocalDate.of(2026, 2, 13), 7)).isEqualTo(LocalDate.of(2026, 3, 2));
  }

  @Test
  void theWorkerReturnsTheDueDateAsIsoDateTimeWithOffset() {
    var calendar = new WorkingDayCalendar(new CalendarProperties(
        dates("2026-10-01", "2026-10-02", "2026-10-05", "2026-10-06", "2026-10-07"),
        dates("2026-10-10"), CHINA));
    // 2026-09-30 10:00 in Beijing
    var clock = Clock.fixed(Instant.parse("2026-09-30T02:00:00Z"), CHINA);
    var worker = new WorkingDayDeadlineWorker(calendar, clock);

    Map<String, Object> out = worker.compute(
        new JobVariables("relief.working-day-deadline", Map.of("workingDays", 7)));

    assertThat(out).containsEntry("dueDate", "2026-10-16T00:00:00+08:00");
  }

  @Test
  void aLateEveningStartCountsFromThatDayInChina() {
    var calendar = new WorkingDayCalendar(new CalendarProperties(List.of(), List.of(), CHINA));
    // 2026-11-26T17:00Z is Friday 27 Nov 01:00 in Beijing
    assertThat(calendar.dueDate(Instant.parse("2026-11-26T17:00:00Z"), 1).toString())
        .isEqualTo("2026-12-01T00:00+08:00");
  }

  private static List<LocalDate> dates(String... days) {
    return java.util.Arrays.stream(days).map(LocalDate::parse).toList();
  }
}

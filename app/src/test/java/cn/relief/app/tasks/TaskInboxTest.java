package cn.relief.app.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** Deadlines as the task list marks them, and the filter's defaults. */
class TaskInboxTest {
  private static final OffsetDateTime NOW = OffsetDateTime.parse("2026-11-30T10:00:00+08:00");

  @Test
  void pastIsOverdueWithinADayIsNearLaterIsNothing() {
    assertThat(TaskInbox.deadline(NOW.minusMinutes(1), NOW)).isEqualTo("overdue");
    assertThat(TaskInbox.deadline(NOW.plusHours(23), NOW)).isEqualTo("near");
    assertThat(TaskInbox.deadline(NOW.plusHours(25), NOW)).isNull();
    assertThat(TaskInbox.deadline(null, NOW)).isNull();
  }

  @Test
  void anUnknownDueFilterShowsEverythingAndBlankFiltersAreNone() {
    TaskFilter filter = new TaskFilter(" ", "", "tomorrow");
    assertThat(filter.process()).isNull();
    assertThat(filter.text()).isNull();
    assertThat(filter.due()).isEqualTo("all");
  }
}

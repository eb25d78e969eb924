package cn.relief.app.tasks;

import java.time.OffsetDateTime;

/**
 * One open task as the task list shows it.
 *
 * @param caseReference the case's number (or instance key) for the link to its page; null when no case is involved
 * @param person the person's name as the user may see it, null if not known yet
 * @param deadline {@code overdue}, {@code near} (due within 24 hours) or null
 */
record TaskRow(long key, String name, String processId, String processName, String caseReference, String person,
    OffsetDateTime created, OffsetDateTime due, String deadline, String assignee, boolean mine) {
  public boolean claimable() {
    return assignee == null || assignee.isBlank();
  }
}

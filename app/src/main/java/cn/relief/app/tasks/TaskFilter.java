package cn.relief.app.tasks;

/**
 * The task list's filters: a process id, words in the task's, process's or person's name or the
 * case number, and the due dates shown ({@code overdue}, {@code today} or {@code all}).
 */
record TaskFilter(String process, String text, String due) {
  TaskFilter {
    process = blankToNull(process);
    text = blankToNull(text);
    due = "overdue".equals(due) || "today".equals(due) ? due : "all";
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}

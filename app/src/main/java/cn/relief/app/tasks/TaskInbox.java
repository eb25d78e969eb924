package cn.relief.app.tasks;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.cases.CaseFile;
import cn.relief.app.cases.CaseFiles;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.cases.ProcessNames;
import cn.relief.app.security.EngineUser;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * The open tasks a user works on: those assigned to them, and those offered to their groups
 * (candidate groups they belong to, or they as a candidate user). The engine shows the user only
 * tasks it may see; of these only the tasks of cases the user may work on are listed, and the tasks
 * of no case at all (a patrol round).
 */
@Component
class TaskInbox {
  static final Duration NEAR = Duration.ofHours(24);
  /** More open tasks than this are narrowed down with the filters. */
  static final int MAX_TASKS = 500;

  private final CaseFiles cases;
  private final CaseAccess access;
  private final PersonalData personalData;
  private final ProcessNames processNames;
  private final ZoneId zone;
  private final Clock clock;

  @Autowired
  TaskInbox(CaseFiles cases, CaseAccess access, PersonalData personalData, ProcessNames processNames,
      @Value("${relief.calendar.zone:Asia/Shanghai}") ZoneId zone) {
    this(cases, access, personalData, processNames, zone, Clock.systemUTC());
  }

  TaskInbox(CaseFiles cases, CaseAccess access, PersonalData personalData, ProcessNames processNames, ZoneId zone,
      Clock clock) {
    this.cases = cases;
    this.access = access;
    this.personalData = personalData;
    this.processNames = processNames;
    this.zone = zone;
    this.clock = clock;
  }

  /** The user's tasks and their groups' tasks, filtered, earliest due first. */
  Inbox open(CamundaClient client, EngineUser user, Collection<String> groups, TaskFilter filter) {
    List<UserTask> tasks = client.newUserTaskSearchRequest().filter(f -> f.state(UserTaskState.CREATED))
        .sort(s -> s.creationDate().desc()).page(p -> p.limit(MAX_TASKS)).send().join().items();
    Map<Long, Membership> caseOfInstance = new HashMap<>();
    Map<String, String> processes = new TreeMap<>();
    List<TaskRow> mine = new ArrayList<>();
    List<TaskRow> offered = new ArrayList<>();
    OffsetDateTime now = OffsetDateTime.now(clock);
    for (UserTask task : tasks) {
      boolean assignedToMe = user.username().equals(task.getAssignee());
      boolean candidate = task.getCandidateUsers() != null && task.getCandidateUsers().contains(user.username())
          || task.getCandidateGroups() != null && task.getCandidateGroups().stream().anyMatch(groups::contains);
      if (!assignedToMe && !candidate) {
        continue; // an administrator sees every task; the list is what is theirs
      }
      Membership membership = caseOfInstance.computeIfAbsent(task.getProcessInstanceKey(),
          instance -> membership(client, user, instance));
      if (!membership.workable()) {
        continue;
      }
      String processName = task.getProcessName() != null ? task.getProcessName()
          : processNames.of(client, task.getProcessDefinitionKey(), task.getBpmnProcessId());
      processes.put(task.getBpmnProcessId(), processName);
      TaskRow row = row(task, processName, membership.caseFile(), user, assignedToMe, now);
      if (matches(row, filter, now)) {
        (assignedToMe ? mine : offered).add(row);
      }
    }
    Comparator<TaskRow> byDue = Comparator.comparing(TaskRow::due, Comparator.nullsLast(Comparator.naturalOrder()));
    mine.sort(byDue);
    offered.sort(byDue);
    return new Inbox(mine, offered, processes);
  }

  /** The tasks of one list and the processes the filter offers (id to name). */
  record Inbox(List<TaskRow> mine, List<TaskRow> offered, Map<String, String> processes) {}

  /** The case an instance belongs to (null for none) and whether the user may work on its tasks. */
  private record Membership(CaseFile caseFile, boolean workable) {}

  private Membership membership(CamundaClient client, EngineUser user, long instanceKey) {
    try {
      Optional<CaseFile> caseFile = cases.caseOf(client, instanceKey);
      if (caseFile.isPresent()) {
        return new Membership(caseFile.get(), access.canWork(user, caseFile.get().scope()));
      }
      // a station's report or round: its staff's (and the centre's), not every caseworker's
      return new Membership(null, cases.stationScopeOf(client, instanceKey)
          .map(scope -> access.canWork(user, scope)).orElse(true));
    } catch (AccessDeniedException | ResponseStatusException e) {
      // a case the engine does not show the user, or an instance the history does not have yet
      return new Membership(null, false);
    }
  }

  private TaskRow row(UserTask task, String processName, CaseFile caseFile, EngineUser user, boolean mine,
      OffsetDateTime now) {
    String person = null;
    if (caseFile != null) {
      Object name = personalData.visibleTo(user, caseFile.scope(), caseFile.variables()).get("fullName");
      person = name == null ? null : name.toString();
    }
    return new TaskRow(task.getUserTaskKey(), task.getName() == null ? task.getElementId() : task.getName(),
        task.getBpmnProcessId(), processName, caseFile == null ? null : caseFile.reference(), person,
        task.getCreationDate(), task.getDueDate(), deadline(task.getDueDate(), now), task.getAssignee(), mine);
  }

  /** {@code overdue} past the due date, {@code near} within a day of it. */
  static String deadline(OffsetDateTime due, OffsetDateTime now) {
    if (due == null) {
      return null;
    }
    if (due.isBefore(now)) {
      return "overdue";
    }
    return due.isBefore(now.plus(NEAR)) ? "near" : null;
  }

  private boolean matches(TaskRow row, TaskFilter filter, OffsetDateTime now) {
    if (filter.process() != null && !filter.process().equals(row.processId())) {
      return false;
    }
    if (filter.text() != null) {
      String words = filter.text().toLowerCase(Locale.ROOT);
      boolean found = false;
      for (String value : new String[] {row.name(), row.processName(), row.caseReference(), row.person()}) {
        found |= value != null && value.toLowerCase(Locale.ROOT).contains(words);
      }
      if (!found) {
        return false;
      }
    }
    return switch (filter.due()) {
      case "overdue" -> row.due() != null && row.due().isBefore(now);
      case "today" -> row.due() != null
          && row.due().isBefore(LocalDate.now(clock.withZone(zone)).plusDays(1).atStartOfDay(zone).toOffsetDateTime());
      default -> true;
    };
  }
}

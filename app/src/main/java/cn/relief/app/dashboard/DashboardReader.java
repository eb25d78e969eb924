package cn.relief.app.dashboard;

import cn.relief.app.cases.CaseAccess;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.ProcessInstance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Counts the dashboard's figures from the engine's history, through the user's own client, and
 * only over the cases the user may read ({@link CaseAccess}); policy staff, auditors and
 * administrators count every case the engine shows them. Deadlines are read from the element
 * history and the models' limit variables, not from user tasks: the engine shows a task only to
 * its candidates, so station heads and auditors would see no deadlines.
 */
@Component
public class DashboardReader {
  private final CaseAccess access;

  public DashboardReader(CaseAccess access) {
    this.access = access;
  }

  public DashboardFigures read(CamundaClient client, EngineUser user, Instant now) {
    CaseIndex index = CaseIndex.read(client);
    Caseload caseload = countCaseload(client, index, user);
    DeadlineTally deadlines = new DeadlineTally();
    for (Deadline deadline : Deadline.values()) {
      countDeadline(client, index, user, deadline, deadlines, now);
    }
    long incidents = SearchPages.all(from -> client.newIncidentSearchRequest()
            .filter(f -> f.state(IncidentState.ACTIVE)).page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())
        .stream().map(Incident::getProcessInstanceKey)
        .filter(key -> key != null && visible(index, user, index.rootOf(key))).count();
    return new DashboardFigures(caseload, deadlines, incidents);
  }

  /** Whether the instance's case counts for this user. */
  boolean visible(CaseIndex index, EngineUser user, long rootKey) {
    if (user.hasAnyRole(ReliefRole.ADMIN, ReliefRole.AUDITOR, ReliefRole.POLICY_STAFF)) {
      return true;
    }
    return index.stationOf(rootKey).isPresent() && access.canRead(user, index.scopeOf(access, rootKey));
  }

  private Caseload countCaseload(CamundaClient client, CaseIndex index, EngineUser user) {
    Map<Long, List<String>> activeElements = new HashMap<>();
    for (ElementInstance element : SearchPages.all(from -> client.newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(CaseIndex.CASE_PROCESS).state(ElementInstanceState.ACTIVE))
        .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())) {
      activeElements.computeIfAbsent(element.getProcessInstanceKey(), k -> new ArrayList<>()).add(element.getElementId());
    }
    Caseload caseload = new Caseload();
    for (ProcessInstance instance : index.instances().values()) {
      long key = instance.getProcessInstanceKey();
      if (CaseIndex.CASE_PROCESS.equals(instance.getProcessDefinitionId())
          && instance.getState() == ProcessInstanceState.ACTIVE && visible(index, user, index.rootOf(key))) {
        CaseStage.ofActiveElements(activeElements.getOrDefault(key, List.of()))
            .ifPresent(stage -> caseload.add(index.stationOf(key).orElse(null), stage));
      }
    }
    return caseload;
  }

  private void countDeadline(CamundaClient client, CaseIndex index, EngineUser user, Deadline deadline,
      DeadlineTally tally, Instant now) {
    Map<Long, String> limits = CaseIndex.rootValues(client, deadline.limitVariable());
    for (ElementInstance step : SearchPages.all(from -> client.newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(deadline.processId()).elementId(deadline.elementId()))
        .page(p -> p.from(from).limit(SearchPages.PAGE)).send().join())) {
      long instance = step.getProcessInstanceKey();
      if (step.getStartDate() == null || !visible(index, user, index.rootOf(instance))) {
        continue;
      }
      // a limit of the called process, else of the case (the call shares the case's variables)
      String limit = limits.getOrDefault(instance, limits.get(index.rootOf(instance)));
      Instant start = step.getStartDate().toInstant();
      Optional<Instant> due = deadline.limitIsDueDate() ? IsoPeriods.dueDate(limit) : IsoPeriods.plus(start, limit);
      Instant dueAt = due.or(() -> IsoPeriods.plus(start, deadline.defaultLimit())).orElseThrow();
      // an interrupting event (the resettlement timer, the person leaving) terminates the step: it ended then
      Instant ended = step.getState() == ElementInstanceState.ACTIVE || step.getEndDate() == null ? null
          : step.getEndDate().toInstant();
      tally.add(deadline, dueAt, ended, now);
    }
  }
}

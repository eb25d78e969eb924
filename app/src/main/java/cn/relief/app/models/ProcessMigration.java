package cn.relief.app.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.ProcessInstance;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Moves the running cases of one process version to another, as the user. Elements are mapped by
 * id (an element keeps its id across versions); a case waiting in an element the target no longer
 * has cannot be mapped, so it is refused and left where it is rather than guessed. Each case is
 * migrated on its own: one failure does not stop the others.
 */
@Component
class ProcessMigration {
  private static final int PAGE = 1000;

  enum Outcome { MIGRATED, REFUSED, FAILED }

  /** One running case: the elements it waits in and those the target lacks. */
  record Candidate(long processInstanceKey, List<String> activeElements, List<String> unmapped) {
    public boolean migratable() {
      return unmapped.isEmpty();
    }
  }

  /** What happened to one case. */
  /**
   * A case's outcome. A refusal of this page's own is a message key with its argument (shown in the
   * reader's language); the engine's reasons come as they are.
   */
  record Result(long processInstanceKey, Outcome outcome, String message, String messageKey, String argument) {
    Result(long processInstanceKey, Outcome outcome, String message) {
      this(processInstanceKey, outcome, message, null, null);
    }

    Result(long processInstanceKey, Outcome outcome, String messageKey, String argument) {
      this(processInstanceKey, outcome, null, messageKey, argument);
    }
  }

  /** The running cases of {@code fromKey}, each with what keeps it from moving to the target, if anything. */
  List<Candidate> plan(CamundaClient client, long fromKey, String targetXml) {
    Set<String> target = ProcessDiff.elements(SafeXml.parse(targetXml)).keySet();
    List<Candidate> candidates = new ArrayList<>();
    for (ProcessInstance instance : client.newProcessInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(fromKey).state(ProcessInstanceState.ACTIVE))
        .page(p -> p.limit(PAGE)).send().join().items()) {
      List<String> active = activeElements(client, instance.getProcessInstanceKey());
      candidates.add(new Candidate(instance.getProcessInstanceKey(), active,
          active.stream().filter(id -> !target.contains(id)).toList()));
    }
    return candidates;
  }

  List<Result> migrate(CamundaClient client, long fromKey, long toKey, String targetXml) {
    List<Result> results = new ArrayList<>();
    for (Candidate candidate : plan(client, fromKey, targetXml)) {
      if (candidate.activeElements().isEmpty()) {
        results.add(new Result(candidate.processInstanceKey(), Outcome.REFUSED, "models.migration.noActiveElement",
            null));
        continue;
      }
      if (!candidate.migratable()) {
        results.add(new Result(candidate.processInstanceKey(), Outcome.REFUSED, "models.migration.unmappedElements",
            String.join(", ", candidate.unmapped())));
        continue;
      }
      var command = client.newMigrateProcessInstanceCommand(candidate.processInstanceKey()).migrationPlan(toKey);
      var instructions = command.addMappingInstruction(candidate.activeElements().get(0),
          candidate.activeElements().get(0));
      for (String id : candidate.activeElements().subList(1, candidate.activeElements().size())) {
        instructions = instructions.addMappingInstruction(id, id);
      }
      try {
        instructions.send().join();
        results.add(new Result(candidate.processInstanceKey(), Outcome.MIGRATED, ""));
      } catch (ProblemException e) {
        results.add(new Result(candidate.processInstanceKey(), Outcome.FAILED,
            e.details() != null && e.details().getDetail() != null ? e.details().getDetail() : e.getMessage()));
      } catch (ClientException e) {
        results.add(new Result(candidate.processInstanceKey(), Outcome.FAILED, e.getMessage()));
      }
    }
    return results;
  }

  /** The ids of the elements the case is in now (its process, sub-processes, tasks), once each. */
  private static List<String> activeElements(CamundaClient client, long processInstanceKey) {
    Set<String> ids = new LinkedHashSet<>();
    for (ElementInstance element : client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).state(ElementInstanceState.ACTIVE))
        .page(p -> p.limit(PAGE)).send().join().items()) {
      // the process itself is no element to map: the plan's target definition covers it
      if (element.getType() != ElementInstanceType.PROCESS) {
        ids.add(element.getElementId());
      }
    }
    return new ArrayList<>(ids);
  }
}

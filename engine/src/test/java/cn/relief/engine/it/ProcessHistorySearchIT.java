package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.filter.ProcessInstanceFilter;
import io.camunda.client.api.search.response.ProcessDefinition;
import io.camunda.client.api.search.response.ProcessInstance;
import io.camunda.client.api.search.response.SearchResponse;
import io.camunda.client.api.statistics.response.ProcessElementStatistics;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.grpc.Status;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Process definitions and process instances as the client's search requests see them: every filter
 * field the client offers (with its operators), the sort fields, and both kinds of paging.
 */
class ProcessHistorySearchIT extends ClientTestSupport {

  /** Four instances of one process, each in another situation. */
  private record Cases(String processId, long definitionKey, long atReview, long withIncident, long retrying,
      long canceled) {
    List<Long> all() {
      return List.of(atReview, withIncident, retrying, canceled);
    }
  }

  private static final String ERROR = "police system down";

  /**
   * atReview: "register" done, "review" active; withIncident: "register" failed for good (incident);
   * retrying: "register" failed with retries left; canceled: canceled while at "register".
   */
  private Cases cases(CamundaClient client) throws InterruptedException {
    String id = uniqueId("search-cases", Transport.REST);
    String register = uniqueId("search-register", Transport.REST);
    long definitionKey = deploy(client, Bpmn.createExecutableProcess(id).name("救助案件")
        .startEvent("start").serviceTask("register", t -> t.zeebeJobType(register).name("登记"))
        .serviceTask("review", t -> t.zeebeJobType(register + "-review")).endEvent("end").done())
        .getProcessDefinitionKey();
    long[] keys = new long[4];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = startInstance(client, id, Map.of("station", i % 2 == 0 ? "north" : "south", "caseNo", i));
      Thread.sleep(5); // distinct start dates, for the date filters
    }
    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < keys.length) {
      List<ActivatedJob> more = activate(client, register, 10, Duration.ofMinutes(1), Duration.ofSeconds(5));
      assertThat(more).as("jobs of type %s", register).isNotEmpty();
      jobs.addAll(more);
    }
    for (var job : jobs) {
      if (job.getProcessInstanceKey() == keys[0]) {
        client.newCompleteCommand(job).send().join();
      } else if (job.getProcessInstanceKey() == keys[1]) {
        client.newFailCommand(job).retries(0).errorMessage(ERROR).send().join();
      } else if (job.getProcessInstanceKey() == keys[2]) {
        client.newFailCommand(job).retries(2).retryBackoff(Duration.ofHours(1)).errorMessage("busy").send().join();
      }
    }
    client.newCancelInstanceCommand(keys[3]).send().join();
    Cases cases = new Cases(id, definitionKey, keys[0], keys[1], keys[2], keys[3]);
    // the history is projected after the commit: wait until the last change shows
    eventually(() -> instances(client, f -> f.processDefinitionId(id).hasRetriesLeft(true)),
        found -> found.equals(List.of(cases.retrying())));
    eventually(() -> instances(client, f -> f.processDefinitionId(id).hasIncident(true)),
        found -> found.equals(List.of(cases.withIncident())));
    eventually(() -> instances(client, f -> f.processDefinitionId(id).state(ProcessInstanceState.TERMINATED)),
        found -> found.equals(List.of(cases.canceled())));
    return cases;
  }

  /** Keys of the instances found, in the order of the answer. */
  private static List<Long> instances(CamundaClient client, Consumer<ProcessInstanceFilter> filter) {
    return client.newProcessInstanceSearchRequest().filter(filter).send().join().items().stream()
        .map(ProcessInstance::getProcessInstanceKey).toList();
  }

  @Test
  void processInstancesByEveryFilterTheClientOffers() throws InterruptedException {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);
    String id = cases.processId();

    ProcessInstance first = client.newProcessInstanceGetRequest(cases.atReview()).send().join();
    assertThat(first.getProcessDefinitionName()).isEqualTo("救助案件");
    assertThat(first.getProcessDefinitionKey()).isEqualTo(cases.definitionKey());
    assertThat(first.getTenantId()).isEqualTo("<default>");
    assertThat(first.getTags()).isEmpty();
    assertThat(first.getHasIncident()).isFalse();

    // the definition's fields, with operators
    assertThat(instances(client, f -> f.processDefinitionId(id).processInstanceKey(k -> k.in(cases.atReview(),
        cases.canceled())))).containsExactly(cases.atReview(), cases.canceled());
    assertThat(instances(client, f -> f.processDefinitionId(p -> p.like(id.substring(0, id.length() - 1) + "?"))
        .processDefinitionName(n -> n.neq("other")).processDefinitionVersion(v -> v.gte(1).lt(2))
        .processDefinitionKey(cases.definitionKey()).tenantId("<default>")
        .parentProcessInstanceKey(k -> k.exists(false)).parentElementInstanceKey(k -> k.exists(false))))
        .containsExactlyElementsOf(cases.all());
    assertThat(instances(client, f -> f.processDefinitionId(id).processDefinitionKey(k -> k.notIn(
        cases.definitionKey())))).isEmpty();
    assertThat(instances(client, f -> f.processDefinitionId(id).processDefinitionVersionTag(t -> t.exists(true))))
        .isEmpty();

    // state, dates and incidents
    assertThat(instances(client, f -> f.processDefinitionId(id).state(s -> s.in(ProcessInstanceState.ACTIVE))
        .hasIncident(false))).containsExactly(cases.atReview(), cases.retrying());
    assertThat(instances(client, f -> f.processDefinitionId(id).endDate(d -> d.exists(true))))
        .containsExactly(cases.canceled());
    OffsetDateTime secondStart = client.newProcessInstanceGetRequest(cases.withIncident()).send().join()
        .getStartDate();
    assertThat(instances(client, f -> f.processDefinitionId(id).startDate(d -> d.gt(secondStart))))
        .containsExactly(cases.retrying(), cases.canceled());
    assertThat(instances(client, f -> f.processDefinitionId(id).startDate(d -> d.lte(secondStart))))
        .containsExactly(cases.atReview(), cases.withIncident());
    assertThat(instances(client, f -> f.processDefinitionId(id).startDate(secondStart)))
        .containsExactly(cases.withIncident());
    assertThat(instances(client, f -> f.processDefinitionId(id).errorMessage(m -> m.like("*system*"))))
        .containsExactly(cases.withIncident());
    assertThat(instances(client, f -> f.processDefinitionId(id).incidentErrorHashCode(ERROR.hashCode())))
        .containsExactly(cases.withIncident());
    assertThat(instances(client, f -> f.processDefinitionId(id).incidentErrorHashCode(ERROR.hashCode() + 1)))
        .isEmpty();
    assertThat(instances(client, f -> f.processDefinitionId(id).hasRetriesLeft(false)))
        .containsExactly(cases.atReview(), cases.withIncident(), cases.canceled());

    // element instance filters describe one element instance together
    assertThat(instances(client, f -> f.processDefinitionId(id).elementId("register")
        .elementInstanceState(ElementInstanceState.ACTIVE))).containsExactly(cases.withIncident(), cases.retrying());
    assertThat(instances(client, f -> f.processDefinitionId(id).elementId("review")
        .elementInstanceState(s -> s.in(ElementInstanceState.ACTIVE)))).containsExactly(cases.atReview());
    assertThat(instances(client, f -> f.processDefinitionId(id).elementId("register")
        .elementInstanceState(ElementInstanceState.TERMINATED))).containsExactly(cases.canceled());
    assertThat(instances(client, f -> f.processDefinitionId(id).hasElementInstanceIncident(true)))
        .containsExactly(cases.withIncident());

    // variables, as a map (plain values) and as operators on the JSON value
    assertThat(instances(client, f -> f.processDefinitionId(id).variables(Map.of("station", "north"))))
        .containsExactly(cases.atReview(), cases.retrying());
    assertThat(instances(client, f -> f.processDefinitionId(id).variables(List.of(
        v -> v.name("station").value(x -> x.in("\"south\"")), v -> v.name("caseNo").value(x -> x.neq("3"))))))
        .containsExactly(cases.withIncident());

    // what the engine does not keep: tags and batch operations
    assertThat(instances(client, f -> f.processDefinitionId(id).tags("urgent"))).isEmpty();
    assertThat(instances(client, f -> f.processDefinitionId(id).batchOperationId("b-1"))).isEmpty();
    assertThat(instances(client, f -> f.processDefinitionId(id).batchOperationId(b -> b.exists(false))))
        .containsExactlyElementsOf(cases.all());

    // $or
    assertThat(instances(client, f -> {
      f.processDefinitionId(id);
      f.orFilters(List.of(o -> o.state(ProcessInstanceState.TERMINATED), o -> o.hasIncident(true)));
    })).containsExactly(cases.withIncident(), cases.canceled());
  }

  @Test
  void processInstancesAreSortedByFlagsAndPagedByCursorAndOffset() throws InterruptedException {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);
    String id = cases.processId();

    // a sort on a derived flag: the cursors carry its value
    var first = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.hasIncident().desc()).page(p -> p.limit(2)).send().join();
    var second = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.hasIncident().desc()).page(p -> p.limit(2).after(first.page().endCursor())).send().join();
    var back = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.hasIncident().desc()).page(p -> p.limit(2).before(second.page().startCursor())).send().join();
    assertThat(keys(first)).containsExactly(cases.withIncident(), cases.atReview());
    assertThat(keys(second)).containsExactly(cases.retrying(), cases.canceled());
    assertThat(keys(back)).containsExactly(cases.withIncident(), cases.atReview());
    assertThat(first.page().totalItems()).isEqualTo(4);
    assertThat(first.page().hasMoreTotalItems()).isFalse();

    var byState = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.state().desc().processInstanceKey().desc()).page(p -> p.from(1).limit(2)).send().join();
    assertThat(keys(byState)).containsExactly(cases.retrying(), cases.withIncident());
    var byEnd = client.newProcessInstanceSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.endDate().asc().processDefinitionVersion().asc().processDefinitionName().asc()
            .processDefinitionVersionTag().asc().parentProcessInstanceKey().asc().parentElementInstanceKey().asc()
            .tenantId().asc().processDefinitionId().asc().processDefinitionKey().asc().startDate().desc())
        .send().join();
    assertThat(keys(byEnd)).containsExactly(cases.canceled(), cases.retrying(), cases.withIncident(),
        cases.atReview());
  }

  private static List<Long> keys(SearchResponse<ProcessInstance> response) {
    return response.items().stream().map(ProcessInstance::getProcessInstanceKey).toList();
  }

  @Test
  void elementStatisticsOfADefinitionHonourTheInstanceFilter() throws InterruptedException {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);

    var all = client.newProcessDefinitionElementStatisticsRequest(cases.definitionKey()).send().join();
    assertThat(statistics(all, "register")).containsExactly(2L, 1L, 1L, 1L); // active, completed, canceled, incidents
    assertThat(statistics(all, "review")).containsExactly(1L, 0L, 0L, 0L);
    var withIncident = client.newProcessDefinitionElementStatisticsRequest(cases.definitionKey())
        .filter(f -> f.hasIncident(true)).send().join();
    assertThat(statistics(withIncident, "register")).containsExactly(1L, 0L, 0L, 1L);
    assertThat(withIncident).noneMatch(s -> "review".equals(s.getElementId()));
    var atReview = client.newProcessDefinitionElementStatisticsRequest(cases.definitionKey())
        .filter(f -> f.elementId("review").elementInstanceState(ElementInstanceState.ACTIVE)
            .variables(Map.of("station", "north")).batchOperationId(b -> b.exists(false)))
        .send().join();
    assertThat(statistics(atReview, "register")).containsExactly(0L, 1L, 0L, 0L);
    assertThat(statistics(atReview, "review")).containsExactly(1L, 0L, 0L, 0L);

    var ofOne = client.newProcessInstanceElementStatisticsRequest(cases.withIncident()).send().join();
    assertThat(statistics(ofOne, "register")).containsExactly(1L, 0L, 0L, 1L);
    assertThat(statistics(ofOne, "start")).containsExactly(0L, 1L, 0L, 0L);
  }

  private static List<Long> statistics(List<ProcessElementStatistics> statistics, String elementId) {
    ProcessElementStatistics element = statistics.stream().filter(s -> elementId.equals(s.getElementId()))
        .findFirst().orElseThrow(() -> new AssertionError("no statistics for " + elementId + " in " + statistics));
    return List.of(element.getActive(), element.getCompleted(), element.getCanceled(), element.getIncidents());
  }

  @Test
  void incidentsOfAProcessInstanceIncludeThoseOfTheInstancesItCalled() {
    CamundaClient client = client(Transport.REST);
    String child = uniqueId("search-tracing", Transport.REST);
    String parent = uniqueId("search-case", Transport.REST);
    deploy(client, Bpmn.createExecutableProcess(child).startEvent()
        .scriptTask("locate", s -> s.zeebeExpression("assert(address, address != null)").zeebeResultVariable("at"))
        .endEvent().done());
    deploy(client, Bpmn.createExecutableProcess(parent).startEvent()
        .parallelGateway("fork")
        .scriptTask("score", s -> s.zeebeExpression("assert(score, score != null)").zeebeResultVariable("s"))
        .endEvent()
        .moveToNode("fork").callActivity("tracing", c -> c.zeebeProcessId(child)).endEvent().done());
    long root = startInstance(client, parent, Map.of("caseNo", "T-1"));
    long other = startInstance(client, parent, Map.of("caseNo", "T-2"));

    SearchResponse<io.camunda.client.api.search.response.Incident> found = eventually(() -> client.newIncidentsByProcessInstanceSearchRequest(root)
        .sort(s -> s.elementId().asc()).send().join(), r -> r.items().size() == 2);
    assertThat(found.items()).extracting(i -> i.getElementId()).containsExactly("locate", "score");
    long childInstance = found.items().get(0).getProcessInstanceKey();
    assertThat(childInstance).isNotEqualTo(root);
    assertThat(client.newProcessInstanceGetRequest(childInstance).send().join().getParentProcessInstanceKey())
        .isEqualTo(root);
    assertThat(found.items().get(1).getProcessInstanceKey()).isEqualTo(root);
    assertThat(found.page().totalItems()).isEqualTo(2);

    // paged, and from the child down only the child's own
    var firstPage = client.newIncidentsByProcessInstanceSearchRequest(root).sort(s -> s.elementId().desc())
        .page(p -> p.limit(1)).send().join();
    var secondPage = client.newIncidentsByProcessInstanceSearchRequest(root).sort(s -> s.elementId().desc())
        .page(p -> p.limit(1).after(firstPage.page().endCursor())).send().join();
    assertThat(firstPage.items()).extracting(i -> i.getElementId()).containsExactly("score");
    assertThat(secondPage.items()).extracting(i -> i.getElementId()).containsExactly("locate");
    assertThat(client.newIncidentsByProcessInstanceSearchRequest(childInstance).send().join().items())
        .extracting(i -> i.getElementId()).containsExactly("locate");
    assertThat(eventually(() -> client.newIncidentsByProcessInstanceSearchRequest(other).send().join(),
        r -> r.items().size() == 2).items()).allMatch(i -> i.getProcessInstanceKey() != root);

    assertRejected(Transport.REST, () -> client.newIncidentsByProcessInstanceSearchRequest(123456789L).send().join(),
        Status.Code.NOT_FOUND, 404, "123456789");
  }

  @Test
  void processDefinitionsByEveryFilterSortedAndPaged() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("search-definition", Transport.REST);
    String other = uniqueId("search-definition-other", Transport.REST);
    long v1 = deploy(client, Bpmn.createExecutableProcess(id).name("寻亲 A").versionTag("2026-a")
        .startEvent().endEvent().done()).getProcessDefinitionKey();
    long v2 = deploy(client, Bpmn.createExecutableProcess(id).name("寻亲 B").versionTag("2026-b")
        .startEvent().endEvent("done").done()).getProcessDefinitionKey();
    long otherKey = deploy(client, Bpmn.createExecutableProcess(other).name("安置")
        .startEvent().endEvent().done()).getProcessDefinitionKey();

    eventually(() -> definitions(client, f -> f.processDefinitionId(p -> p.in(id, other))), found -> found.size() == 3);
    ProcessDefinition second = client.newProcessDefinitionGetRequest(v2).send().join();
    assertThat(second.getProcessDefinitionId()).isEqualTo(id);
    assertThat(second.getName()).isEqualTo("寻亲 B");
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getVersionTag()).isEqualTo("2026-b");
    assertThat(second.getResourceName()).isEqualTo(id + ".bpmn");
    assertThat(second.getTenantId()).isEqualTo("<default>");
    assertThat(second.getHasStartForm()).isFalse();
    assertThat(client.newProcessDefinitionGetXmlRequest(v2).send().join()).contains("id=\"done\"");

    assertThat(definitions(client, f -> f.processDefinitionId(id).isLatestVersion(true))).containsExactly(v2);
    assertThat(definitions(client, f -> f.name(n -> n.like("寻亲*")).processDefinitionId(p -> p.in(id, other))))
        .containsExactly(v1, v2);
    assertThat(definitions(client, f -> f.processDefinitionId(id).version(1))).containsExactly(v1);
    assertThat(definitions(client, f -> f.processDefinitionId(id).versionTag("2026-b"))).containsExactly(v2);
    assertThat(definitions(client, f -> f.resourceName(other + ".bpmn").tenantId("<default>")))
        .containsExactly(otherKey);
    assertThat(definitions(client, f -> f.processDefinitionKey(v1))).containsExactly(v1);
    assertThat(definitions(client, f -> f.processDefinitionId(id).hasStartForm(false))).containsExactly(v1, v2);
    assertThat(definitions(client, f -> f.processDefinitionId(id).hasStartForm(true))).isEmpty();

    var newest = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.version().desc()).page(p -> p.limit(1)).send().join();
    var older = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.version().desc()).page(p -> p.limit(1).after(newest.page().endCursor())).send().join();
    var newestAgain = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.version().desc()).page(p -> p.limit(1).before(older.page().startCursor())).send().join();
    var byOffset = client.newProcessDefinitionSearchRequest().filter(f -> f.processDefinitionId(id))
        .sort(s -> s.name().desc().versionTag().asc().resourceName().asc().tenantId().asc()
            .processDefinitionId().asc().processDefinitionKey().asc())
        .page(p -> p.from(1).limit(5)).send().join();
    assertThat(newest.items()).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(v2);
    assertThat(newest.page().totalItems()).isEqualTo(2);
    assertThat(older.items()).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(v1);
    assertThat(newestAgain.items()).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(v2);
    assertThat(byOffset.items()).extracting(ProcessDefinition::getProcessDefinitionKey).containsExactly(v1);
  }

  private static List<Long> definitions(CamundaClient client,
      Consumer<io.camunda.client.api.search.filter.ProcessDefinitionFilter> filter) {
    return client.newProcessDefinitionSearchRequest().filter(filter).sort(s -> s.version().asc()).send().join()
        .items().stream().map(ProcessDefinition::getProcessDefinitionKey).toList();
  }
}

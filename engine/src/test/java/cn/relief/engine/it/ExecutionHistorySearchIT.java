package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.JobState;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.MessageSubscriptionState;
import io.camunda.client.api.search.filter.ElementInstanceFilter;
import io.camunda.client.api.search.filter.JobFilter;
import io.camunda.client.api.search.filter.VariableFilter;
import io.camunda.client.api.search.response.CorrelatedMessageSubscription;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.api.search.response.MessageSubscription;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * What happened inside instances, as the client's search requests see it: element instances,
 * variables, incidents, jobs and message subscriptions, by every filter and sort the client offers,
 * paged by offset and by cursor.
 */
class ExecutionHistorySearchIT extends ClientTestSupport {

  private static final String LONG_NOTE = "记".repeat(9000);

  /**
   * Five instances of "intake (sub-process with the service task 'work') -> catch 'reply' -> end".
   * retrying: 'work' failed with retries left; replied, alsoReplied: message correlated, completed;
   * broken: 'work' failed for good (incident); waiting: at 'reply'.
   */
  private record Cases(String processId, long definitionKey, String jobType, String message, long retrying,
      long replied, long broken, long alsoReplied, long waiting) {}

  private Cases cases(CamundaClient client) {
    String id = uniqueId("search-execution", Transport.REST);
    String type = uniqueId("search-work", Transport.REST);
    String message = uniqueId("search-reply", Transport.REST);
    long definitionKey = deploy(client, Bpmn.createExecutableProcess(id).startEvent("start")
        .subProcess("intake").embeddedSubProcess().startEvent("intakeStart")
        .serviceTask("work", t -> t.zeebeJobType(type).name("登记").zeebeTaskHeader("region", "north"))
        .endEvent("intakeEnd").subProcessDone()
        .intermediateCatchEvent("reply").message(m -> m.name(message).zeebeCorrelationKeyExpression("caseNo"))
        .endEvent("end").done()).getProcessDefinitionKey();
    long[] keys = new long[5];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = startInstance(client, id, i == 0 ? Map.of("caseNo", "E-0", "note", LONG_NOTE) : Map.of("caseNo",
          "E-" + i));
    }
    List<ActivatedJob> jobs = new ArrayList<>();
    while (jobs.size() < keys.length) {
      List<ActivatedJob> more = client.newActivateJobsCommand().jobType(type).maxJobsToActivate(10)
          .workerName("clerk-1").timeout(Duration.ofMinutes(5)).requestTimeout(Duration.ofSeconds(5))
          .send().join().getJobs();
      assertThat(more).as("jobs of type %s", type).isNotEmpty();
      jobs.addAll(more);
    }
    for (ActivatedJob job : jobs) {
      long instance = job.getProcessInstanceKey();
      if (instance == keys[0]) {
        client.newFailCommand(job).retries(1).retryBackoff(Duration.ofHours(1)).errorMessage("retry later")
            .send().join();
      } else if (instance == keys[2]) {
        client.newFailCommand(job).retries(0).errorMessage("no retries").send().join();
      } else {
        client.newCompleteCommand(job).send().join();
      }
    }
    Cases cases = new Cases(id, definitionKey, type, message, keys[0], keys[1], keys[2], keys[3], keys[4]);
    // correlate one message after the other, so that correlation times differ
    for (long replied : List.of(cases.replied(), cases.alsoReplied())) {
      eventually(() -> client.newMessageSubscriptionSearchRequest().filter(f -> f.processInstanceKey(replied))
          .send().join(), r -> r.items().size() == 1);
      String caseNo = replied == cases.replied() ? "E-1" : "E-3";
      client.newPublishMessageCommand().messageName(message).correlationKey(caseNo).send().join();
      awaitInstanceState(replied, "COMPLETED");
    }
    eventually(() -> client.newMessageSubscriptionSearchRequest().filter(f -> f.processDefinitionId(id)).send()
        .join(), r -> r.items().size() == 3 && r.items().stream()
        .filter(s -> s.getMessageSubscriptionState() == MessageSubscriptionState.CORRELATED).count() == 2);
    eventually(() -> jobs(client, f -> f.type(type).state(JobState.FAILED)), found -> found.size() == 2);
    eventually(() -> client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(keys[2])).send().join(),
        r -> r.items().size() == 1);
    return cases;
  }

  @Test
  void elementInstancesByEveryFilterSortedAndPaged() {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);

    List<ElementInstance> ofRetrying = client.newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(cases.retrying())).sort(s -> s.startDate().asc()).send().join().items();
    assertThat(ofRetrying).extracting(ElementInstance::getElementId)
        .containsExactly(cases.processId(), "start", "intake", "intakeStart", "work");
    ElementInstance intake = ofRetrying.get(2);
    ElementInstance work = ofRetrying.get(4);
    assertThat(work.getElementName()).isEqualTo("登记");
    assertThat(work.getType()).isEqualTo(ElementInstanceType.SERVICE_TASK);
    assertThat(work.getState()).isEqualTo(ElementInstanceState.ACTIVE);
    assertThat(work.getProcessDefinitionKey()).isEqualTo(cases.definitionKey());
    assertThat(work.getProcessDefinitionId()).isEqualTo(cases.processId());
    assertThat(work.getTenantId()).isEqualTo("<default>");
    assertThat(work.getIncident()).isFalse();
    assertThat(work.getEndDate()).isNull();
    ElementInstance fetched = client.newElementInstanceGetRequest(work.getElementInstanceKey()).send().join();
    assertThat(fetched.getElementInstanceKey()).isEqualTo(work.getElementInstanceKey());
    assertThat(fetched.getStartDate()).isEqualTo(work.getStartDate());

    assertThat(elements(client, f -> f.elementInstanceScopeKey(intake.getElementInstanceKey())))
        .containsExactly("intakeStart", "work");
    assertThat(elements(client, f -> f.elementInstanceKey(work.getElementInstanceKey()).processDefinitionKey(
        cases.definitionKey()).processDefinitionId(cases.processId()).processInstanceKey(cases.retrying())
        .elementId("work").elementName("登记").type(ElementInstanceType.SERVICE_TASK).hasIncident(false)
        .tenantId("<default>").state(s -> s.in(ElementInstanceState.ACTIVE)).startDate(d -> d.gte(work.getStartDate()))
        .endDate(d -> d.exists(false)))).containsExactly("work");

    long incidentKey = client.newIncidentSearchRequest().filter(f -> f.processInstanceKey(cases.broken())).send()
        .join().items().get(0).getIncidentKey();
    List<ElementInstance> withIncident = client.newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionKey(cases.definitionKey()).hasIncident(true)).send().join().items();
    assertThat(withIncident).extracting(ElementInstance::getProcessInstanceKey).containsExactly(cases.broken());
    assertThat(withIncident.get(0).getIncidentKey()).isEqualTo(incidentKey);
    assertThat(elements(client, f -> f.incidentKey(incidentKey))).containsExactly("work");
    assertThat(elements(client, f -> f.processDefinitionKey(cases.definitionKey())
        .state(ElementInstanceState.COMPLETED).type(ElementInstanceType.INTERMEDIATE_CATCH_EVENT)))
        .containsExactly("reply", "reply");

    // sorted by several fields, paged by cursor both ways and by offset
    var first = client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(cases.replied()))
        .sort(s -> s.elementId().asc().type().desc().incidentKey().asc()).page(p -> p.limit(3)).send().join();
    var second = client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(cases.replied()))
        .sort(s -> s.elementId().asc().type().desc().incidentKey().asc())
        .page(p -> p.limit(3).after(first.page().endCursor())).send().join();
    var back = client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(cases.replied()))
        .sort(s -> s.elementId().asc().type().desc().incidentKey().asc())
        .page(p -> p.limit(3).before(second.page().startCursor())).send().join();
    var byOffset = client.newElementInstanceSearchRequest().filter(f -> f.processInstanceKey(cases.replied()))
        .sort(s -> s.elementName().asc().state().asc().processDefinitionId().asc().processDefinitionKey().asc()
            .processInstanceKey().asc().tenantId().asc().elementId().desc().elementInstanceKey().asc()
            .endDate().desc())
        .page(p -> p.from(5).limit(10)).send().join();
    assertThat(first.page().totalItems()).isEqualTo(8);
    assertThat(first.items()).extracting(ElementInstance::getElementId).containsExactly("end", "intake", "intakeEnd");
    assertThat(second.items()).extracting(ElementInstance::getElementId)
        .containsExactly("intakeStart", "reply", cases.processId());
    assertThat(back.items()).extracting(ElementInstance::getElementId).containsExactly("end", "intake", "intakeEnd");
    // elementName: an element without a name is named by its id, the process has none (nulls sort last)
    assertThat(byOffset.items()).extracting(ElementInstance::getElementId)
        .containsExactly("start", "work", cases.processId());
  }

  private static List<String> elements(CamundaClient client, Consumer<ElementInstanceFilter> filter) {
    return client.newElementInstanceSearchRequest().filter(filter).sort(s -> s.startDate().asc()).send().join()
        .items().stream().map(ElementInstance::getElementId).toList();
  }

  @Test
  void variablesByEveryFilterWithTruncatedValues() {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);
    long instance = cases.retrying();

    List<Variable> both = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance))
        .sort(s -> s.name().asc()).send().join().items();
    assertThat(both).extracting(Variable::getName).containsExactly("caseNo", "note");
    Variable caseNo = both.get(0);
    Variable note = both.get(1);
    assertThat(caseNo.getValue()).isEqualTo("\"E-0\"");
    assertThat(caseNo.isTruncated()).isFalse();
    assertThat(caseNo.getScopeKey()).isEqualTo(instance);
    assertThat(caseNo.getTenantId()).isEqualTo("<default>");
    assertThat(note.isTruncated()).isTrue();
    assertThat(note.getValue()).hasSize(8191);
    assertThat(client.newVariableGetRequest(note.getVariableKey()).send().join().getValue())
        .isEqualTo("\"" + LONG_NOTE + "\"");
    assertThat(client.newVariableSearchRequest().filter(f -> f.variableKey(note.getVariableKey())).withFullValues()
        .send().join().items().get(0).getValue()).isEqualTo("\"" + LONG_NOTE + "\"");

    assertThat(variables(client, f -> f.processInstanceKey(instance).isTruncated(true))).containsExactly("note");
    assertThat(variables(client, f -> f.processInstanceKey(instance).isTruncated(false))).containsExactly("caseNo");
    assertThat(variables(client, f -> f.variableKey(k -> k.in(caseNo.getVariableKey(), note.getVariableKey()))
        .name(n -> n.in("caseNo")).value(v -> v.like("*E-0*")).scopeKey(instance).processInstanceKey(p -> p.eq(instance))
        .tenantId("<default>"))).containsExactly("caseNo");
    assertThat(variables(client, f -> f.name("caseNo").value("\"E-3\"").processInstanceKey(cases.alsoReplied())))
        .containsExactly("caseNo");
    assertThat(variables(client, f -> f.name("caseNo").value("\"E-3\"").processInstanceKey(instance))).isEmpty();
    assertThat(variables(client, f -> f.processInstanceKey(instance).scopeKey(k -> k.notIn(instance)))).isEmpty();

    // the client's variableKey() sort arrives as "unknown_default_open_api": it means the key
    var newestFirst = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance))
        .sort(s -> s.variableKey().desc()).page(p -> p.limit(1)).send().join();
    var thenOlder = client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance))
        .sort(s -> s.variableKey().desc()).page(p -> p.limit(1).after(newestFirst.page().endCursor())).send().join();
    long newer = Math.max(caseNo.getVariableKey(), note.getVariableKey());
    long older = Math.min(caseNo.getVariableKey(), note.getVariableKey());
    assertThat(newestFirst.items()).extracting(Variable::getVariableKey).containsExactly(newer);
    assertThat(thenOlder.items()).extracting(Variable::getVariableKey).containsExactly(older);
    assertThat(client.newVariableSearchRequest().filter(f -> f.processInstanceKey(instance))
        .sort(s -> s.value().desc().scopeKey().asc().processInstanceKey().asc().tenantId().asc())
        .page(p -> p.from(1)).send().join().items()).extracting(Variable::getName).containsExactly("caseNo");
  }

  private static List<String> variables(CamundaClient client, Consumer<VariableFilter> filter) {
    return client.newVariableSearchRequest().filter(filter).send().join().items().stream()
        .map(Variable::getName).toList();
  }

  @Test
  void incidentsByEveryFilter() {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);
    var incident = client.newIncidentSearchRequest().filter(f -> f.processDefinitionId(cases.processId()))
        .send().join().items().get(0);
    assertThat(incident.getProcessInstanceKey()).isEqualTo(cases.broken());
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("no retries");
    assertThat(incident.getState()).isEqualTo(IncidentState.ACTIVE);
    assertThat(incident.getElementId()).isEqualTo("work");
    assertThat(incident.getJobKey()).isNotNull();
    assertThat(incident.getCreationTime()).isNotNull();
    assertThat(client.newIncidentGetRequest(incident.getIncidentKey()).send().join().getJobKey())
        .isEqualTo(incident.getJobKey());

    OffsetDateTime created = incident.getCreationTime();
    var found = client.newIncidentSearchRequest().filter(f -> f.incidentKey(incident.getIncidentKey())
            .processDefinitionKey(cases.definitionKey()).processDefinitionId(cases.processId())
            .processInstanceKey(cases.broken()).errorType(IncidentErrorType.JOB_NO_RETRIES).errorMessage("no retries")
            .elementId("work").elementInstanceKey(incident.getElementInstanceKey()).creationTime(d -> d.lte(created))
            .state(IncidentState.ACTIVE).jobKey(incident.getJobKey()).tenantId("<default>"))
        .sort(s -> s.errorType().asc().creationTime().desc().state().asc().jobKey().asc().elementId().asc()
            .elementInstanceKey().asc().processInstanceKey().asc().processDefinitionKey().asc().tenantId().asc()
            .incidentKey().asc())
        .send().join();
    assertThat(found.items()).extracting(i -> i.getIncidentKey()).containsExactly(incident.getIncidentKey());
    assertThat(client.newIncidentSearchRequest().filter(f -> f.processDefinitionId(cases.processId())
        .creationTime(d -> d.gt(created))).send().join().items()).isEmpty();
    assertThat(client.newIncidentSearchRequest().filter(f -> f.processDefinitionId(cases.processId())
        .errorType(IncidentErrorType.EXTRACT_VALUE_ERROR)).send().join().items()).isEmpty();
  }

  @Test
  void jobsByEveryFilterAndSortedByTheFlagsTheEngineDerives() {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);
    String type = cases.jobType();

    Job retrying = client.newJobSearchRequest().filter(f -> f.type(type).processInstanceKey(cases.retrying()))
        .send().join().items().get(0);
    assertThat(retrying.getState()).isEqualTo(JobState.FAILED);
    assertThat(retrying.getRetries()).isEqualTo(1);
    assertThat(retrying.hasFailedWithRetriesLeft()).isTrue();
    assertThat(retrying.getErrorMessage()).isEqualTo("retry later");
    assertThat(retrying.getWorker()).isEqualTo("clerk-1");
    assertThat(retrying.getKind()).isEqualTo(JobKind.BPMN_ELEMENT);
    assertThat(retrying.getListenerEventType()).isEqualTo(ListenerEventType.UNSPECIFIED);
    assertThat(retrying.isDenied()).isFalse();
    assertThat(retrying.getDeniedReason()).isNull();
    assertThat(retrying.getCustomerHeaders()).containsEntry("region", "north");
    assertThat(retrying.getElementId()).isEqualTo("work");

    assertThat(jobs(client, f -> f.type(type).hasFailedWithRetriesLeft(true))).containsExactly(cases.retrying());
    assertThat(jobs(client, f -> f.type(type).hasFailedWithRetriesLeft(false)))
        .containsExactly(cases.replied(), cases.broken(), cases.alsoReplied(), cases.waiting());
    assertThat(jobs(client, f -> f.type(t -> t.like(type)).state(s -> s.in(JobState.FAILED)).retries(r -> r.lt(1))))
        .containsExactly(cases.broken());
    assertThat(jobs(client, f -> f.type(type).state(JobState.COMPLETED).endTime(d -> d.exists(true))))
        .containsExactly(cases.replied(), cases.alsoReplied(), cases.waiting());
    assertThat(jobs(client, f -> f.type(type).kind(JobKind.BPMN_ELEMENT).listenerEventType(
        ListenerEventType.UNSPECIFIED).isDenied(false).deniedReason(r -> r.exists(false)).errorCode(c -> c.exists(false))
        .worker("clerk-1").tenantId("<default>").processDefinitionId(cases.processId())
        .processDefinitionKey(cases.definitionKey()).elementId("work"))).hasSize(5);
    assertThat(jobs(client, f -> f.type(type).isDenied(true))).isEmpty();
    assertThat(jobs(client, f -> f.type(type).deniedReason("no"))).isEmpty();
    assertThat(jobs(client, f -> f.type(type).kind(k -> k.in(JobKind.EXECUTION_LISTENER)))).isEmpty();
    assertThat(jobs(client, f -> f.jobKey(retrying.getJobKey()).elementInstanceKey(retrying.getElementInstanceKey())
        .errorMessage(m -> m.like("retry*")).endTime(d -> d.exists(false)))).containsExactly(cases.retrying());

    // sorts on the derived flags and constants, with cursors over them
    var first = client.newJobSearchRequest().filter(f -> f.type(type))
        .sort(s -> s.hasFailedWithRetriesLeft().desc().kind().asc().listenerEventType().asc().isDenied().asc()
            .deniedReason().asc()).page(p -> p.limit(2)).send().join();
    var second = client.newJobSearchRequest().filter(f -> f.type(type))
        .sort(s -> s.hasFailedWithRetriesLeft().desc().kind().asc().listenerEventType().asc().isDenied().asc()
            .deniedReason().asc()).page(p -> p.limit(2).after(first.page().endCursor())).send().join();
    assertThat(first.items()).extracting(Job::getProcessInstanceKey).containsExactly(cases.retrying(), cases.replied());
    assertThat(second.items()).extracting(Job::getProcessInstanceKey)
        .containsExactly(cases.broken(), cases.alsoReplied());
    var byState = client.newJobSearchRequest().filter(f -> f.type(type))
        .sort(s -> s.state().desc().retries().asc().errorMessage().asc().errorCode().asc().deadline().asc()
            .endTime().asc().worker().asc().type().asc().elementId().asc().elementInstanceKey().asc()
            .processDefinitionId().asc().processDefinitionKey().asc().processInstanceKey().asc().tenantId().asc()
            .jobKey().asc()).page(p -> p.limit(2)).send().join();
    assertThat(byState.items()).extracting(Job::getProcessInstanceKey).containsExactly(cases.broken(), cases.retrying());
  }

  private static List<Long> jobs(CamundaClient client, Consumer<JobFilter> filter) {
    return client.newJobSearchRequest().filter(filter).send().join().items().stream()
        .map(Job::getProcessInstanceKey).toList();
  }

  @Test
  void messageSubscriptionsAndCorrelatedMessagesByEveryFilter() {
    CamundaClient client = client(Transport.REST);
    Cases cases = cases(client);

    MessageSubscription waiting = client.newMessageSubscriptionSearchRequest()
        .filter(f -> f.processDefinitionId(cases.processId()).messageSubscriptionState(MessageSubscriptionState.CREATED))
        .send().join().items().get(0);
    assertThat(waiting.getProcessInstanceKey()).isEqualTo(cases.waiting());
    assertThat(waiting.getCorrelationKey()).isEqualTo("E-4");
    assertThat(waiting.getElementId()).isEqualTo("reply");
    assertThat(waiting.getProcessDefinitionKey()).isEqualTo(cases.definitionKey());
    var exact = client.newMessageSubscriptionSearchRequest().filter(f -> f
        .messageSubscriptionKey(waiting.getMessageSubscriptionKey()).processDefinitionId(cases.processId())
        .processInstanceKey(cases.waiting()).elementId("reply").elementInstanceKey(waiting.getElementInstanceKey())
        .messageSubscriptionState(s -> s.in(MessageSubscriptionState.CREATED))
        .lastUpdatedDate(waiting.getLastUpdatedDate()).messageName(cases.message()).correlationKey(c -> c.like("E-?"))
        .tenantId("<default>")).send().join();
    assertThat(exact.items()).extracting(MessageSubscription::getMessageSubscriptionKey)
        .containsExactly(waiting.getMessageSubscriptionKey());
    var byState = client.newMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.messageSubscriptionState().desc().lastUpdatedDate().desc()).page(p -> p.limit(2)).send().join();
    var rest = client.newMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.messageSubscriptionState().desc().lastUpdatedDate().desc())
        .page(p -> p.limit(2).after(byState.page().endCursor())).send().join();
    assertThat(byState.items()).extracting(MessageSubscription::getProcessInstanceKey)
        .containsExactly(cases.waiting(), cases.alsoReplied());
    assertThat(rest.items()).extracting(MessageSubscription::getProcessInstanceKey).containsExactly(cases.replied());
    assertThat(client.newMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.correlationKey().desc().elementId().asc().elementInstanceKey().asc().processDefinitionId().asc()
            .processInstanceKey().asc().tenantId().asc().messageName().asc().messageSubscriptionKey().asc())
        .page(p -> p.from(2)).send().join().items()).extracting(MessageSubscription::getProcessInstanceKey)
        .containsExactly(cases.replied());

    List<CorrelatedMessageSubscription> correlated = client.newCorrelatedMessageSubscriptionSearchRequest()
        .filter(f -> f.messageName(cases.message())).sort(s -> s.correlationTime().asc()).send().join().items();
    assertThat(correlated).extracting(CorrelatedMessageSubscription::getProcessInstanceKey)
        .containsExactly(cases.replied(), cases.alsoReplied());
    CorrelatedMessageSubscription last = correlated.get(1);
    assertThat(last.getPartitionId()).isEqualTo(1);
    assertThat(last.getCorrelationKey()).isEqualTo("E-3");
    assertThat(last.getElementId()).isEqualTo("reply");
    var one = client.newCorrelatedMessageSubscriptionSearchRequest().filter(f -> f.correlationKey("E-3")
        .correlationTime(d -> d.gte(last.getCorrelationTime())).elementId("reply")
        .elementInstanceKey(last.getElementInstanceKey()).messageKey(last.getMessageKey())
        .messageName(cases.message()).partitionId(p -> p.eq(1)).processDefinitionId(cases.processId())
        .processDefinitionKey(cases.definitionKey()).processInstanceKey(cases.alsoReplied())
        .subscriptionKey(last.getSubscriptionKey()).tenantId("<default>")).send().join();
    assertThat(one.items()).extracting(CorrelatedMessageSubscription::getMessageKey)
        .containsExactly(last.getMessageKey());
    assertThat(client.newCorrelatedMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message())
        .partitionId(2)).send().join().items()).isEmpty();

    // partitionId is derived from the key: a sort on it pages by cursor like any other
    var firstPage = client.newCorrelatedMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.partitionId().asc().correlationTime().desc()).page(p -> p.limit(1)).send().join();
    var secondPage = client.newCorrelatedMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.partitionId().asc().correlationTime().desc())
        .page(p -> p.limit(1).after(firstPage.page().endCursor())).send().join();
    assertThat(firstPage.items()).extracting(CorrelatedMessageSubscription::getProcessInstanceKey)
        .containsExactly(cases.alsoReplied());
    assertThat(secondPage.items()).extracting(CorrelatedMessageSubscription::getProcessInstanceKey)
        .containsExactly(cases.replied());
    assertThat(client.newCorrelatedMessageSubscriptionSearchRequest().filter(f -> f.messageName(cases.message()))
        .sort(s -> s.correlationKey().asc().elementId().asc().elementInstanceKey().asc().messageKey().asc()
            .messageName().asc().processDefinitionId().asc().processDefinitionKey().asc().processInstanceKey().asc()
            .subscriptionKey().asc().tenantId().asc())
        .page(p -> p.from(1)).send().join().items()).extracting(CorrelatedMessageSubscription::getCorrelationKey)
        .containsExactly("E-3");
  }
}

package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Form;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Which version of a linked form a user task gets: the latest, the one deployed with the process,
 * or the newest carrying a version tag; each through the real client's deploy and get-form calls.
 */
class FormBindingIT extends ClientTestSupport {

  private static String schema(String formId, String label, String versionTag) {
    return """
        {"id": "%s", %s"components": [{"type": "textfield", "key": "name", "label": "%s"}]}"""
        .formatted(formId, versionTag == null ? "" : "\"versionTag\": \"" + versionTag + "\", ", label);
  }

  private static BpmnModelInstance process(String id,
      Consumer<io.camunda.zeebe.model.bpmn.builder.UserTaskBuilder> task) {
    return Bpmn.createExecutableProcess(id).startEvent()
        .userTask("register", t -> task.accept(t.zeebeUserTask())).endEvent().done();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private Form formOfNewTask(CamundaClient client, String processId) {
    long instance = startInstance(client, processId, Map.of());
    UserTask task = eventually(() -> client.newUserTaskSearchRequest()
            .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED)).send().join().items(),
        items -> items.size() == 1).get(0);
    return client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
  }

  @Test
  void deploymentBindingKeepsTheFormDeployedWithTheProcess() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("form-deployment", Transport.REST);
    String formId = id + "-intake";
    client.newDeployResourceCommand()
        .addResourceBytes(bytes(schema(formId, "姓名 v1", null)), formId + ".form")
        .addResourceBytes(bytes(Bpmn.convertToString(process(id,
            t -> t.zeebeFormId(formId).zeebeFormBindingType(ZeebeBindingType.deployment)))), id + ".bpmn")
        .send().join();
    // a newer form version alone does not change what the deployed process uses
    deploy(client, schema(formId, "姓名 v2", null), formId + ".form");

    Form form = formOfNewTask(client, id);

    assertThat(form.getVersion()).isEqualTo(1L);
    assertThat(String.valueOf(form.getSchema())).contains("姓名 v1");
  }

  @Test
  void latestBindingTakesTheNewestVersionWhenTheTaskIsCreated() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("form-latest", Transport.GRPC);
    String formId = id + "-intake";
    deploy(client, schema(formId, "姓名 v1", null), formId + ".form");
    deploy(client, process(id, t -> t.zeebeFormId(formId)));
    deploy(client, schema(formId, "姓名 v2", null), formId + ".form");

    Form form = formOfNewTask(client, id);

    assertThat(form.getVersion()).isEqualTo(2L);
    assertThat(String.valueOf(form.getSchema())).contains("姓名 v2");
  }

  @Test
  void versionTagBindingTakesTheNewestVersionWithTheTag() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("form-tag", Transport.REST);
    String formId = id + "-intake";
    deploy(client, schema(formId, "姓名 2025", "policy-2025"), formId + ".form");
    deploy(client, schema(formId, "姓名 2026", "policy-2026"), formId + ".form");
    deploy(client, schema(formId, "姓名 draft", null), formId + ".form");
    deploy(client, process(id, t -> t.zeebeFormId(formId).zeebeFormBindingType(ZeebeBindingType.versionTag)
        .zeebeFormVersionTag("policy-2026")));

    Form form = formOfNewTask(client, id);

    assertThat(form.getVersion()).isEqualTo(2L);
    assertThat(String.valueOf(form.getSchema())).contains("姓名 2026");

    // a tag nobody deployed is an incident on the task, resolved once the form is there
    String missingId = uniqueId("form-tag-missing", Transport.REST);
    deploy(client, process(missingId, t -> t.zeebeFormId(formId).zeebeFormBindingType(ZeebeBindingType.versionTag)
        .zeebeFormVersionTag("policy-2027")));
    long instance = startInstance(client, missingId, Map.of());
    assertThat(awaitOpenIncident(instance).errorMessage()).contains("version tag 'policy-2027'");
  }

  @Test
  void deploymentBindingWithoutTheFormInTheDeploymentIsRefused() {
    CamundaClient client = client(Transport.GRPC);
    String id = uniqueId("form-deployment-missing", Transport.GRPC);
    String formId = id + "-intake";
    deploy(client, schema(formId, "姓名", null), formId + ".form");
    assertRejected(Transport.GRPC, () -> deploy(client,
            process(id, t -> t.zeebeFormId(formId).zeebeFormBindingType(ZeebeBindingType.deployment))),
        Status.Code.INVALID_ARGUMENT, 400, "register", formId, "same deployment");
  }

  @Test
  void aStartFormIsFoundByItsProcessAndResolvedWithTheBindingOfItsLink() {
    CamundaClient client = client(Transport.REST);
    String id = uniqueId("start-form", Transport.REST);
    String formId = id + "-intake";
    deploy(client, schema(formId, "求助登记 2026", "policy-2026"), formId + ".form");
    deploy(client, schema(formId, "求助登记 draft", null), formId + ".form");
    BpmnModelInstance model = Bpmn.createExecutableProcess(id).startEvent("intake").zeebeFormId(formId)
        .endEvent().done();
    // the start event builder knows no binding: set it on the link as the modeler writes it
    ZeebeFormDefinition link = model.getModelElementsByType(ZeebeFormDefinition.class).iterator().next();
    link.setBindingType(ZeebeBindingType.versionTag);
    link.setVersionTag("policy-2026");
    long tagged = deploy(client, model).getProcessDefinitionKey();
    String plainId = uniqueId("no-start-form", Transport.REST);
    long plain = deploy(client, Bpmn.createExecutableProcess(plainId).startEvent().endEvent().done())
        .getProcessDefinitionKey();

    Form form = eventually(() -> client.newProcessDefinitionGetFormRequest(tagged).send().join(), f -> f != null);
    assertThat(form.getFormId()).isEqualTo(formId);
    assertThat(form.getVersion()).isEqualTo(1L);
    assertThat(String.valueOf(form.getSchema())).contains("求助登记 2026");
    // no start form: 204, which the client reads as an empty form
    assertThat(client.newProcessDefinitionGetFormRequest(plain).send().join().getFormId()).isNull();
    assertThat(client.newProcessDefinitionSearchRequest()
            .filter(f -> f.processDefinitionId(p -> p.in(id, plainId)).hasStartForm(true)).send().join().items())
        .extracting(d -> d.getProcessDefinitionKey()).containsExactly(tagged);
    assertThat(client.newProcessDefinitionGetRequest(plain).send().join().getHasStartForm()).isFalse();
  }

  private static void deploy(CamundaClient client, String schema, String name) {
    client.newDeployResourceCommand().addResourceBytes(bytes(schema), name).send().join();
  }
}

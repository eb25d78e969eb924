package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Form;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.awaitility.Awaitility;

/**
 * Forms are deployed like processes: a {@code .form} resource (a form-js schema with an id) is
 * versioned per form id, the same content under the same name is the same version, a resource that
 * is not a form is refused with the reason, and deployed forms are in the history.
 */
class FormDeploymentIT extends ClientTestSupport {

  @OverBothTransports
  void formsAreVersionedPerIdAndRefusedWhenNotAForm(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String formId = uniqueId("registration", transport);

    Form first = onlyForm(deploy(client, form(formId, "姓名"), formId + ".form"));
    assertThat(first.getFormId()).isEqualTo(formId);
    assertThat(first.getVersion()).isEqualTo(1);
    assertThat(first.getFormKey()).isPositive();
    assertThat(first.getResourceName()).isEqualTo(formId + ".form");
    assertThat(first.getTenantId()).isEqualTo("<default>");

    Form again = onlyForm(deploy(client, form(formId, "姓名"), formId + ".form"));
    assertThat(again.getVersion()).isEqualTo(1);
    assertThat(again.getFormKey()).isEqualTo(first.getFormKey());

    Form changed = onlyForm(deploy(client, form(formId, "受助人姓名"), formId + ".form"));
    assertThat(changed.getVersion()).isEqualTo(2);
    assertThat(changed.getFormKey()).isNotEqualTo(first.getFormKey());

    // with a process in one deployment
    String processId = uniqueId("with-form", transport);
    DeploymentEvent both = client.newDeployResourceCommand()
        .addProcessModel(oneTask(processId, processId + "-job"), processId + ".bpmn")
        .addResourceBytes(form(formId, "受助人姓名").getBytes(StandardCharsets.UTF_8), formId + ".form")
        .send().join();
    assertThat(both.getProcesses()).hasSize(1);
    assertThat(onlyForm(both).getVersion()).isEqualTo(2);

    assertRejected(transport, () -> deploy(client, "{\"components\": []}", "no-id.form"),
        Status.Code.INVALID_ARGUMENT, 400, "'no-id.form': expected the form to have an 'id', but it has none");
    assertRejected(transport, () -> deploy(client, "{\"id\": ", "broken.form"),
        Status.Code.INVALID_ARGUMENT, 400, "'broken.form': expected a form-js schema in JSON, but it is not valid JSON");

    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> versionsInHistory(formId) == 2);
  }

  private static DeploymentEvent deploy(CamundaClient client, String content, String name) {
    return client.newDeployResourceCommand()
        .addResourceBytes(content.getBytes(StandardCharsets.UTF_8), name)
        .send().join();
  }

  private static Form onlyForm(DeploymentEvent deployment) {
    assertThat(deployment.getForm()).hasSize(1);
    return deployment.getForm().get(0);
  }

  private static String form(String id, String nameLabel) {
    return """
        {"id": "%s", "type": "default", "schemaVersion": 16, "components": [
          {"type": "textfield", "key": "name", "label": "%s", "validate": {"required": true}},
          {"type": "number", "key": "age", "label": "年龄", "validate": {"min": 0, "max": 120}}
        ]}""".formatted(id, nameLabel);
  }

  private long versionsInHistory(String formId) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM history_form WHERE form_id = ?")) {
      statement.setString(1, formId);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}

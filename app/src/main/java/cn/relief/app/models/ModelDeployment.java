package cn.relief.app.models;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/** Deploys an edited model as the user (the engine checks that they may), and says what it became. */
@Component
class ModelDeployment {
  private final FormCatalog forms;

  ModelDeployment(FormCatalog forms) {
    this.forms = forms;
  }

  /** What was deployed: the model's id, its version and key (an unchanged model keeps its version). */
  record Deployed(ModelResource.Kind kind, String id, int version, long key) {}

  /** The engine refused the model: its message, and the problems with the elements they name. */
  static final class Rejected extends RuntimeException {
    private final List<ModelProblem> problems;

    Rejected(String message, List<ModelProblem> problems) {
      super(message);
      this.problems = problems;
    }

    List<ModelProblem> problems() {
      return problems;
    }
  }

  Deployed deploy(CamundaClient client, ModelResource model) {
    DeploymentEvent event;
    try {
      event = client.newDeployResourceCommand()
          .addResourceBytes(model.content().getBytes(StandardCharsets.UTF_8), model.resourceName()).send().join();
    } catch (ClientHttpException e) {
      if (e.code() == 401 || e.code() == 403) {
        throw new AccessDeniedException("The engine refused the deployment for this user: " + detail(e));
      }
      String detail = detail(e);
      throw new Rejected(detail, ModelProblem.fromRejection(detail));
    } catch (ClientException e) {
      throw new Rejected(e.getMessage(), ModelProblem.fromRejection(e.getMessage()));
    }
    return switch (model.kind()) {
      case PROCESS -> event.getProcesses().stream().findFirst()
          .map(p -> new Deployed(model.kind(), p.getBpmnProcessId(), p.getVersion(), p.getProcessDefinitionKey()))
          .orElseThrow(() -> new Rejected("The engine deployed no process from " + model.resourceName(), List.of()));
      case DECISION -> event.getDecisions().stream().findFirst()
          .map(d -> new Deployed(model.kind(), d.getDmnDecisionId(), d.getVersion(), d.getDecisionKey()))
          .orElseThrow(() -> new Rejected("The engine deployed no decision from " + model.resourceName(), List.of()));
      case FORM -> event.getForm().stream().findFirst()
          .map(f -> {
            forms.deployed(f, model.content());
            return new Deployed(model.kind(), f.getFormId(), f.getVersion(), f.getFormKey());
          })
          .orElseThrow(() -> new Rejected("The engine deployed no form from " + model.resourceName(), List.of()));
    };
  }

  private static String detail(ClientHttpException e) {
    if (e instanceof ProblemException problem && problem.details() != null && problem.details().getDetail() != null) {
      return problem.details().getDetail();
    }
    return e.getMessage();
  }
}

package cn.relief.app.models;

import cn.relief.app.security.UserEngineClients;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.search.response.DecisionDefinition;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;

/**
 * The Models pages of policy staff: the list of processes, decisions and forms; an editor per
 * kind (bpmn-js, dmn-js, form-js) that validates on the server and deploys; the comparison of two
 * process versions; the migration of running cases. Everything goes through the user's own
 * Camunda client, so the engine decides what the user may read, deploy and migrate.
 */
@Controller
class ModelsController {
  private final UserEngineClients clients;
  private final ModelCatalog catalog;
  private final FormCatalog forms;
  private final ModelValidation validation;
  private final ModelDeployment deployment;
  private final ProcessMigration migration;

  ModelsController(UserEngineClients clients, ModelCatalog catalog, FormCatalog forms, ModelValidation validation,
      ModelDeployment deployment, ProcessMigration migration) {
    this.clients = clients;
    this.catalog = catalog;
    this.forms = forms;
    this.validation = validation;
    this.deployment = deployment;
    this.migration = migration;
  }

  /** What the editors send: the resource name and the model's text. */
  record ModelRequest(String resourceName, String content) {}

  @GetMapping("/models")
  String list(HttpSession session, Model model) {
    CamundaClient client = clients.require(session);
    model.addAttribute("processes", catalog.processes(client));
    model.addAttribute("decisions", catalog.decisions(client));
    model.addAttribute("forms", forms.forms());
    return "models/list";
  }

  // ---- editors -----------------------------------------------------------------------------------

  @GetMapping("/models/process/{processId}/edit")
  String editProcess(@PathVariable String processId, @RequestParam(required = false) Integer version,
      HttpSession session, Model model) {
    ModelCatalog.ProcessVersion shown = processVersion(clients.require(session), processId, version);
    return editor(model, "process", processId, shown.version(), shown.resourceName(),
        "/models/process/" + processId + "/xml?version=" + shown.version());
  }

  @GetMapping(path = "/models/process/{processId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
  @ResponseBody
  String processXml(@PathVariable String processId, @RequestParam(required = false) Integer version,
      HttpSession session) {
    CamundaClient client = clients.require(session);
    return catalog.processXml(client, processVersion(client, processId, version).key());
  }

  @GetMapping("/models/decision/{decisionId}/edit")
  String editDecision(@PathVariable String decisionId, @RequestParam(required = false) Integer version,
      HttpSession session, Model model) {
    DecisionDefinition shown = decisionVersion(clients.require(session), decisionId, version);
    return editor(model, "decision", decisionId, shown.getVersion(), shown.getDmnDecisionRequirementsId() + ".dmn",
        "/models/decision/" + decisionId + "/xml?version=" + shown.getVersion());
  }

  @GetMapping(path = "/models/decision/{decisionId}/xml", produces = MediaType.APPLICATION_XML_VALUE)
  @ResponseBody
  String decisionXml(@PathVariable String decisionId, @RequestParam(required = false) Integer version,
      HttpSession session) {
    CamundaClient client = clients.require(session);
    return catalog.decisionXml(client, decisionVersion(client, decisionId, version).getDecisionKey());
  }

  @GetMapping("/models/form/{formId}/edit")
  String editForm(@PathVariable String formId, Model model) {
    FormCatalog.Schema schema = forms.schema(formId).orElseThrow(() -> notFound("form " + formId));
    Integer version = forms.forms().stream().filter(f -> f.formId().equals(formId) && f.latest() != null)
        .map(f -> f.latest().version()).findFirst().orElse(null);
    return editor(model, "form", formId, version, schema.resourceName(), "/models/form/" + formId + "/schema");
  }

  @GetMapping(path = "/models/form/{formId}/schema", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  String formSchema(@PathVariable String formId) {
    return forms.schema(formId).orElseThrow(() -> notFound("form " + formId)).json();
  }

  private static String editor(Model model, String kind, String id, Integer version, String resourceName,
      String sourceUrl) {
    model.addAttribute("kind", kind);
    model.addAttribute("modelId", id);
    model.addAttribute("version", version);
    model.addAttribute("resourceName", resourceName);
    model.addAttribute("sourceUrl", sourceUrl);
    return "models/editor";
  }

  // ---- validation and deployment (JSON, from the editors) ----------------------------------------

  @PostMapping(path = "/models/validation", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ModelValidation.Validation validate(@RequestBody ModelRequest request, HttpSession session) {
    return validation.validate(clients.require(session), new ModelResource(request.resourceName(), request.content()));
  }

  @PostMapping(path = "/models/deployment", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  ResponseEntity<?> deploy(@RequestBody ModelRequest request, HttpSession session) {
    ModelResource resource = new ModelResource(request.resourceName(), request.content());
    try {
      return ResponseEntity.ok(deployment.deploy(clients.require(session), resource));
    } catch (ModelDeployment.Rejected rejected) {
      return ResponseEntity.unprocessableEntity()
          .body(Map.of("message", rejected.getMessage(), "problems", rejected.problems()));
    }
  }

  // ---- comparison and migration ------------------------------------------------------------------

  @GetMapping("/models/process/{processId}/compare")
  String compare(@PathVariable String processId, @RequestParam int from, @RequestParam int to, HttpSession session,
      Model model) {
    CamundaClient client = clients.require(session);
    ModelCatalog.ProcessVersion before = processVersion(client, processId, from);
    ModelCatalog.ProcessVersion after = processVersion(client, processId, to);
    model.addAttribute("processId", processId);
    model.addAttribute("from", from);
    model.addAttribute("to", to);
    model.addAttribute("versions", catalog.process(client, processId).orElseThrow().versions());
    model.addAttribute("changes",
        ProcessDiff.between(catalog.processXml(client, before.key()), catalog.processXml(client, after.key())));
    return "models/compare";
  }

  @GetMapping("/models/process/{processId}/migration")
  String migrationPlan(@PathVariable String processId, @RequestParam(required = false) Integer from,
      @RequestParam(required = false) Integer to, HttpSession session, Model model) {
    CamundaClient client = clients.require(session);
    ModelCatalog.ProcessModel process = catalog.process(client, processId).orElseThrow(() -> notFound(processId));
    int target = to != null ? to : process.latest().version();
    int source = from != null ? from : process.versions().stream().filter(v -> v.version() != target
        && v.activeCases() > 0).map(ModelCatalog.ProcessVersion::version).findFirst().orElse(target);
    model.addAttribute("process", process);
    model.addAttribute("from", source);
    model.addAttribute("to", target);
    if (source != target) {
      String targetXml = catalog.processXml(client, processVersion(client, processId, target).key());
      model.addAttribute("candidates",
          migration.plan(client, processVersion(client, processId, source).key(), targetXml));
    }
    return "models/migration";
  }

  @PostMapping("/models/process/{processId}/migration")
  String migrate(@PathVariable String processId, @RequestParam int from, @RequestParam int to, HttpSession session,
      Model model) {
    CamundaClient client = clients.require(session);
    if (from == to) {
      // a form post: the page again with the message, not the JSON of the editors' calls
      model.addAttribute("migrationError", "models.migration.sameVersion");
      return migrationPlan(processId, from, to, session, model);
    }
    long fromKey = processVersion(client, processId, from).key();
    ModelCatalog.ProcessVersion target = processVersion(client, processId, to);
    List<ProcessMigration.Result> results =
        migration.migrate(client, fromKey, target.key(), catalog.processXml(client, target.key()));
    model.addAttribute("results", results);
    return migrationPlan(processId, from, to, session, model);
  }

  // ---- helpers -----------------------------------------------------------------------------------


  private ModelCatalog.ProcessVersion processVersion(CamundaClient client, String processId, Integer version) {
    if (version == null) {
      return catalog.process(client, processId).orElseThrow(() -> notFound("process " + processId)).latest();
    }
    return catalog.version(client, processId, version)
        .orElseThrow(() -> notFound("process " + processId + " version " + version));
  }

  private static DecisionDefinition decisionVersion(CamundaClient client, String decisionId, Integer version) {
    return client.newDecisionDefinitionSearchRequest()
        .filter(f -> {
          f.decisionDefinitionId(decisionId);
          if (version != null) {
            f.version(version);
          }
        })
        .page(p -> p.limit(1000)).send().join().items().stream()
        .max(java.util.Comparator.comparingInt(DecisionDefinition::getVersion))
        .orElseThrow(() -> notFound("decision " + decisionId));
  }

  private static ResponseStatusException notFound(String what) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, "No " + what);
  }

  /**
   * The engine refused the user (the 403 page, as for a page the role may not open) or knows no
   * such model (the 404 page); anything else it answered is a bad gateway, with its reason.
   */
  @ExceptionHandler(ClientHttpException.class)
  void engineRefused(ClientHttpException e, HttpServletResponse response) throws IOException {
    int status = e.code() == 401 || e.code() == 403 ? 403 : e.code() == 404 ? 404 : 502;
    response.sendError(status, e.getMessage());
  }

  /** Bad input (a resource name, an XML that does not parse): 400 with the reason, for the page to show. */
  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badInput(IllegalArgumentException e) {
    return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON).body(Map.of("message", e.getMessage()));
  }
}

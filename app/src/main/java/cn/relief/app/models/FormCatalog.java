package cn.relief.app.models;

import cn.relief.app.deployment.ProcessModelDeployer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.Form;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * The forms policy staff can edit. The Camunda 8.8 client has no form search, and the only form
 * reads it offers (a process's start form, a user task's form) need a process or a task; so the
 * list is the forms this application deploys (the forms module's {@code forms/*.form} on the
 * classpath), with the version and key the engine answered when they were deployed: at start-up
 * ({@link ProcessModelDeployer}) or from this page later. A form deployed from this page is kept
 * here too, so the editor opens the newest one until the application restarts.
 */
@Component
class FormCatalog {
  private final ProcessModelDeployer startupDeployment;
  private final ObjectMapper json;
  private final Map<String, Schema> classpath;
  private final Map<String, Deployed> deployedHere = new ConcurrentHashMap<>();

  /** A form: its id, its file, its JSON schema. */
  record Schema(String formId, String resourceName, String json) {}

  /** A deployed version of a form, with its schema when this page deployed it. */
  record Deployed(String formId, int version, long formKey, String resourceName, String json) {}

  /** A row of the list: the form and its newest deployed version (null when not known). */
  record FormModel(String formId, String resourceName, Deployed latest) {}

  FormCatalog(ProcessModelDeployer startupDeployment, ObjectMapper json) throws IOException {
    this.startupDeployment = startupDeployment;
    this.json = json;
    this.classpath = load(json);
  }

  private static Map<String, Schema> load(ObjectMapper json) throws IOException {
    Map<String, Schema> forms = new ConcurrentHashMap<>();
    for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath*:forms/**/*.form")) {
      try (InputStream in = resource.getInputStream()) {
        String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        String id = json.readTree(text).path("id").asText("");
        if (!id.isEmpty()) {
          forms.put(id, new Schema(id, resource.getFilename(), text));
        }
      }
    }
    return forms;
  }

  List<FormModel> forms() {
    List<FormModel> forms = new ArrayList<>();
    for (Schema schema : classpath.values()) {
      forms.add(new FormModel(schema.formId(), schema.resourceName(), latest(schema.formId()).orElse(null)));
    }
    deployedHere.values().stream().filter(d -> !classpath.containsKey(d.formId()))
        .forEach(d -> forms.add(new FormModel(d.formId(), d.resourceName(), d)));
    forms.sort(Comparator.comparing(FormModel::formId));
    return forms;
  }

  /** The newest schema known: the one deployed from this page, else the application's own. */
  Optional<Schema> schema(String formId) {
    Deployed here = deployedHere.get(formId);
    if (here != null) {
      return Optional.of(new Schema(formId, here.resourceName(), here.json()));
    }
    return Optional.ofNullable(classpath.get(formId));
  }

  /** Remembers a form this page deployed (the engine's answer and the schema sent). */
  void deployed(Form form, String schema) {
    deployedHere.merge(form.getFormId(),
        new Deployed(form.getFormId(), form.getVersion(), form.getFormKey(), form.getResourceName(), schema),
        (was, now) -> now.version() >= was.version() ? now : was);
  }

  /** The form id a schema declares, or empty when it is not a form-js JSON object with an id. */
  Optional<String> formId(String schema) {
    try {
      JsonNode node = json.readTree(schema);
      return Optional.ofNullable(node).map(n -> n.path("id").asText("")).filter(id -> !id.isBlank());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private Optional<Deployed> latest(String formId) {
    Deployed here = deployedHere.get(formId);
    if (here != null) {
      return Optional.of(here);
    }
    DeploymentEvent startup = startupDeployment.lastDeployment();
    if (startup == null) {
      return Optional.empty();
    }
    return startup.getForm().stream().filter(f -> f.getFormId().equals(formId)).findFirst()
        .map(f -> new Deployed(formId, f.getVersion(), f.getFormKey(), f.getResourceName(), null));
  }
}

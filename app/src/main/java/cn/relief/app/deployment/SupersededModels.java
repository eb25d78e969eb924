package cn.relief.app.deployment;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.DecisionRequirements;
import io.camunda.client.api.search.response.ProcessDefinition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tells the start-up deployment which of the application's own models were superseded on the
 * engine: their content is that of an older version of the same process (or decision graph), and
 * a newer one was deployed since (by policy staff, from the Models page). Deploying such a model
 * again would put the release's version back over theirs at every restart; a model whose content
 * matches no version is a new release's and is deployed.
 */
class SupersededModels {
  private static final Pattern PROCESS_ID = Pattern.compile("<(?:\\w+:)?process\\b[^>]*?\\bid=\"([^\"]+)\"");
  private static final Pattern DEFINITIONS_ID = Pattern.compile("<(?:\\w+:)?definitions\\b[^>]*?\\bid=\"([^\"]+)\"");

  private final CamundaClient client;

  SupersededModels(CamundaClient client) {
    this.client = client;
  }

  boolean superseded(String filename, byte[] content) {
    String xml = new String(content, StandardCharsets.UTF_8);
    if (filename.endsWith(".bpmn")) {
      Matcher process = PROCESS_ID.matcher(xml);
      while (process.find()) {
        if (isOlderVersion(xml, processVersions(process.group(1)),
            key -> client.newProcessDefinitionGetXmlRequest(key).send().join())) {
          return true;
        }
      }
    } else if (filename.endsWith(".dmn")) {
      Matcher definitions = DEFINITIONS_ID.matcher(xml);
      if (definitions.find()) {
        return isOlderVersion(xml, decisionVersions(definitions.group(1)),
            key -> client.newDecisionRequirementsGetXmlRequest(key).send().join());
      }
    }
    return false;
  }

  record Version(int version, long key) {}

  private List<Version> processVersions(String processId) {
    List<Version> versions = new ArrayList<>();
    for (ProcessDefinition definition : client.newProcessDefinitionSearchRequest()
        .filter(f -> f.processDefinitionId(processId)).page(p -> p.limit(1000)).send().join().items()) {
      versions.add(new Version(definition.getVersion(), definition.getProcessDefinitionKey()));
    }
    return versions;
  }

  private List<Version> decisionVersions(String requirementsId) {
    List<Version> versions = new ArrayList<>();
    for (DecisionRequirements requirements : client.newDecisionRequirementsSearchRequest()
        .filter(f -> f.decisionRequirementsId(requirementsId)).page(p -> p.limit(1000)).send().join().items()) {
      versions.add(new Version(requirements.getVersion(), requirements.getDecisionRequirementsKey()));
    }
    return versions;
  }

  /** The content is an older version's and not the latest's. */
  private static boolean isOlderVersion(String xml, List<Version> versions, LongFunction<String> xmlOf) {
    if (versions.size() < 2) {
      return false;
    }
    versions.sort(Comparator.comparingInt(Version::version).reversed());
    if (xml.strip().equals(xmlOf.apply(versions.get(0).key()).strip())) {
      return false;
    }
    for (Version older : versions.subList(1, versions.size())) {
      if (xml.strip().equals(xmlOf.apply(older.key()).strip())) {
        return true;
      }
    }
    return false;
  }
}

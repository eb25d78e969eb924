package cn.relief.app.cases;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The names of deployed process definitions (救助案件 for {@code relief-case}), for pages that list
 * tasks and instances: the search results carry the definition's key, not always its name. A
 * deployed definition never changes, so its name is kept once read.
 */
@Component
public class ProcessNames {
  private final Map<Long, String> names = new ConcurrentHashMap<>();

  /** The definition's name, else {@code fallback} (its id) if it has none or the user may not read it. */
  public String of(CamundaClient client, Long definitionKey, String fallback) {
    if (definitionKey == null) {
      return fallback;
    }
    String name = names.get(definitionKey);
    if (name == null) {
      try {
        name = client.newProcessDefinitionGetRequest(definitionKey).send().join().getName();
      } catch (ClientException e) {
        return fallback; // not readable for this user: the id will do
      }
      if (name == null || name.isBlank()) {
        return fallback;
      }
      names.put(definitionKey, name);
    }
    return name;
  }
}

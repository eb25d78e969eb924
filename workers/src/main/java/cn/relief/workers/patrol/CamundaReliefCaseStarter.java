package cn.relief.workers.patrol;

import io.camunda.client.CamundaClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Creates the instance through the Camunda client (the embedded engine or a real cluster) and
 * remembers, per idempotency key, the instance it created: a job delivered again (its completion was
 * lost, it timed out) returns that instance instead of starting a second case.
 *
 * <p>Limit: the memory is this process's. If the worker dies after the engine created the instance
 * and before the job was completed, the next delivery (here or in another worker) starts a second
 * case for the same person. The engine offers no idempotent create; a message start event on
 * {@code relief-case} published with the idempotency key as message id would close the gap.
 */
@Component
class CamundaReliefCaseStarter implements ReliefCaseStarter {

  static final String PROCESS_ID = "relief-case";

  private final CamundaClient client;
  private final Map<String, Long> started = new ConcurrentHashMap<>();

  CamundaReliefCaseStarter(CamundaClient client) {
    this.client = client;
  }

  @Override
  public long start(String idempotencyKey, Map<String, Object> variables) {
    // computeIfAbsent: two deliveries of the same job at once still start one case
    return started.computeIfAbsent(idempotencyKey, key -> client.newCreateInstanceCommand()
        .bpmnProcessId(PROCESS_ID)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey());
  }
}

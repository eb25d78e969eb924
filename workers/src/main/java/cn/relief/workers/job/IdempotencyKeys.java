package cn.relief.workers.job;

import io.camunda.client.api.response.ActivatedJob;

/** The idempotency key every call to an outside system carries. */
public final class IdempotencyKeys {

  private IdempotencyKeys() {}

  /**
   * {@code <elementId>/<elementInstanceKey>}: the same for every delivery of one job (a retry after a
   * failure, a second activation after a timeout: the job key and the element instance stay the same),
   * and different for each new visit of the element. {@code processInstanceKey + elementId} would be
   * wrong here: the refresh of the tracing notice runs the same element every month and each run must
   * publish again; the job key would do as well, but the element instance key also names the step in
   * the outside system's records, where an auditor looks for it.
   */
  public static String of(ActivatedJob job) {
    return of(job.getElementId(), job.getElementInstanceKey());
  }

  public static String of(String elementId, long elementInstanceKey) {
    return elementId + "/" + elementInstanceKey;
  }
}

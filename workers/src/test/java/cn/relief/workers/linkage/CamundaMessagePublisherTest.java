package cn.relief.workers.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A retried referral publishes its start message again: the engine's refusal of the repeat is no fault. */
class CamundaMessagePublisherTest {

  @Test
  void aRepeatedMessageIdIsTakenAsPublishedOverGrpcAndRest() {
    assertThat(CamundaMessagePublisher.alreadyPublished(
        new ClientStatusException(Status.ALREADY_EXISTS.withDescription("message id"), null))).isTrue();
    assertThat(CamundaMessagePublisher.alreadyPublished(
        new CompletionException(new ClientHttpException(409, "Conflict")))).isTrue();
  }

  @Test
  void otherFaultsFailTheJob() {
    assertThat(CamundaMessagePublisher.alreadyPublished(
        new ClientStatusException(Status.UNAVAILABLE, null))).isFalse();
    assertThat(CamundaMessagePublisher.alreadyPublished(new ClientHttpException(503, "Service Unavailable")))
        .isFalse();
    assertThat(CamundaMessagePublisher.alreadyPublished(new IllegalStateException("closed"))).isFalse();
  }
}

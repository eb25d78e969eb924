package cn.relief.workers.messages;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.command.ClientHttpException;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A retried job publishes its message again: the engine's refusal of the repeat is no fault. */
class CamundaMessagesTest {

  @Test
  void aRepeatedMessageIdIsTakenAsPublishedOverGrpcAndRest() {
    assertThat(CamundaMessages.alreadyPublished(
        new ClientStatusException(Status.ALREADY_EXISTS.withDescription("message id"), null))).isTrue();
    assertThat(CamundaMessages.alreadyPublished(
        new CompletionException(new ClientHttpException(409, "Conflict")))).isTrue();
  }

  @Test
  void otherFaultsFailTheJob() {
    assertThat(CamundaMessages.alreadyPublished(
        new ClientStatusException(Status.UNAVAILABLE, null))).isFalse();
    assertThat(CamundaMessages.alreadyPublished(new ClientHttpException(503, "Service Unavailable")))
        .isFalse();
    assertThat(CamundaMessages.alreadyPublished(new IllegalStateException("closed"))).isFalse();
  }
}

package cn.relief.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.PublishMessageResponse;
import io.camunda.client.api.response.Topology;
import io.grpc.Status;
import java.time.Duration;
import java.util.Map;

/** Publishing messages (with message id uniqueness) and the cluster topology of the single engine. */
class MessageAndTopologyIT extends ClientTestSupport {

  @OverBothTransports
  void publishesAMessageAndReturnsItsKey(Transport transport) {
    CamundaClient client = client(transport);
    String name = uniqueId("police-reply", transport);

    PublishMessageResponse first = publish(client, name, "case-1", "msg-1", Duration.ofMinutes(5));
    PublishMessageResponse withoutId = client.newPublishMessageCommand().messageName(name).correlationKey("case-1")
        .variables(Map.of("verified", true)).send().join();
    PublishMessageResponse withoutIdAgain = client.newPublishMessageCommand().messageName(name)
        .correlationKey("case-1").send().join();

    assertThat(first.getMessageKey()).isPositive();
    assertThat(first.getTenantId()).isEqualTo("<default>");
    // messages without an id never collide
    assertThat(withoutId.getMessageKey()).isPositive().isNotEqualTo(first.getMessageKey());
    assertThat(withoutIdAgain.getMessageKey()).isPositive().isNotEqualTo(withoutId.getMessageKey());
  }

  @OverBothTransports
  void rejectsTheSameMessageIdWhileTheFirstMessageLives(Transport transport) throws Exception {
    CamundaClient client = client(transport);
    String name = uniqueId("duplicate", transport);
    publish(client, name, "case-2", "reply-2", Duration.ofMinutes(5));

    assertRejected(transport, () -> publish(client, name, "case-2", "reply-2", Duration.ofMinutes(5)),
        Status.Code.ALREADY_EXISTS, 409, "reply-2");

    // the id is unique per message name and correlation key only
    assertThat(publish(client, name, "case-3", "reply-2", Duration.ofMinutes(5)).getMessageKey()).isPositive();
    assertThat(publish(client, name + "-other", "case-2", "reply-2", Duration.ofMinutes(5)).getMessageKey())
        .isPositive();

    // a message with no time to live is gone at once, and one whose time to live passed frees its id
    publish(client, name, "case-4", "reply-4", Duration.ZERO);
    assertThat(publish(client, name, "case-4", "reply-4", Duration.ZERO).getMessageKey()).isPositive();
    publish(client, name, "case-5", "reply-5", Duration.ofMillis(300));
    assertRejected(transport, () -> publish(client, name, "case-5", "reply-5", Duration.ofMinutes(5)),
        Status.Code.ALREADY_EXISTS, 409, "reply-5");
    Thread.sleep(800);
    assertThat(publish(client, name, "case-5", "reply-5", Duration.ofMinutes(5)).getMessageKey()).isPositive();
  }

  @OverBothTransports
  void reportsOneBrokerLeadingPartitionOne(Transport transport) {
    CamundaClient client = client(transport);

    Topology topology = client.newTopologyRequest().send().join();

    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getReplicationFactor()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).isNotBlank();
    assertThat(topology.getBrokers()).singleElement().satisfies(broker -> {
      assertThat(broker.getVersion()).isNotBlank();
      assertThat(broker.getPartitions()).singleElement().satisfies(partition -> {
        assertThat(partition.getPartitionId()).isEqualTo(1);
        assertThat(partition.isLeader()).isTrue();
        assertThat(partition.getHealth()).isEqualTo(PartitionBrokerHealth.HEALTHY);
      });
    });
  }

  private static PublishMessageResponse publish(
      CamundaClient client, String name, String correlationKey, String messageId, Duration timeToLive) {
    return client.newPublishMessageCommand().messageName(name).correlationKey(correlationKey).messageId(messageId)
        .timeToLive(timeToLive).send().join();
  }
}

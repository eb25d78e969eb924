package cn.relief.engine.gateway.rest;

import cn.relief.engine.api.EngineApi;
import io.camunda.client.protocol.rest.BrokerInfo;
import io.camunda.client.protocol.rest.Partition;
import io.camunda.client.protocol.rest.TopologyResponse;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v2/topology}: the engine is one node that leads all its partitions, so clients that
 * wait for a healthy cluster (e.g. test harnesses polling the topology) see one.
 */
@RestController
public class TopologyController {
  private final EngineApi api;

  public TopologyController(EngineApi api) {
    this.api = api;
  }

  @GetMapping("/v2/topology")
  public TopologyResponse topology() {
    EngineApi.TopologyInfo info = api.topology();
    List<Partition> partitions = info.partitionIds().stream()
        .map(id -> new Partition()
            .partitionId(id)
            .role(Partition.RoleEnum.LEADER)
            .health(Partition.HealthEnum.HEALTHY))
        .toList();
    BrokerInfo broker = new BrokerInfo()
        .nodeId(info.nodeId())
        .host(info.host())
        .port(info.port())
        .partitions(partitions)
        .version(info.version());
    return new TopologyResponse()
        .brokers(List.of(broker))
        .clusterSize(1)
        .partitionsCount(info.partitionsCount())
        .replicationFactor(1)
        .gatewayVersion(info.version());
  }
}

package cn.relief.engine.spring;

import cn.relief.engine.Engine;
import cn.relief.engine.EngineConfiguration;
import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.audit.AuditConfiguration;
import cn.relief.engine.gateway.grpc.GrpcGatewayServer;
import cn.relief.engine.gateway.rest.RestGatewayConfiguration;
import cn.relief.engine.log.EventLogException;
import cn.relief.engine.batch.BatchOperationRunner;
import cn.relief.engine.history.HistoryProjector;
import cn.relief.engine.history.search.SqlSearch;
import cn.relief.engine.history.retention.RetentionConfiguration;
import cn.relief.engine.log.PostgresEventLog;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Starts the embedded engine on the application's DataSource, with its gRPC gateway on
 * {@code relief.engine.grpc.port} and its REST v2 API under {@code /v2} of the web server.
 */
@AutoConfiguration(after = {DataSourceAutoConfiguration.class, EmbeddedPostgresAutoConfiguration.class})
@ConditionalOnProperty(name = "relief.engine.enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(EngineProperties.class)
@Import({RestGatewayConfiguration.class, AuditConfiguration.class, RetentionConfiguration.class})
public class EmbeddedEngineAutoConfiguration {

  @Bean
  ApiSecurity apiSecurity(Engine engine, EngineProperties properties) {
    String token = properties.getAuth().getDelegationToken();
    if (token == null || token.isBlank()) {
      // a fresh secret at each start: only the application in this process (which reads it from
      // this bean) acts for people; nothing outside ever needs to know it
      byte[] random = new byte[32];
      new java.security.SecureRandom().nextBytes(random);
      token = java.util.HexFormat.of().formatHex(random);
    }
    return new ApiSecurity(() -> engine.identity().state(), engine::recordRefusal,
        java.util.Set.copyOf(properties.getAuth().getDelegatedRoles()), token);
  }

  @Bean
  IdentityCommands identityCommands(Engine engine) {
    return engine.identity();
  }

  /** The engine's own mapper: records must serialize the same way whatever the app configures. */
  private static ObjectMapper engineJson() {
    return new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Bean(destroyMethod = "close")
  HistoryProjector historyProjector(DataSource dataSource) {
    PostgresEventLog.migrate(dataSource);
    ObjectMapper json = engineJson();
    int partitionId = EngineConfiguration.defaults().partitionId();
    HistoryProjector projector =
        new HistoryProjector(dataSource, new PostgresEventLog(dataSource, json, partitionId), json, partitionId);
    projector.start();
    return projector;
  }

  @Bean(destroyMethod = "close")
  Engine reliefEngine(DataSource dataSource, EngineProperties properties, HistoryProjector history)
      throws EventLogException {
    PostgresEventLog.migrate(dataSource);
    ObjectMapper json = engineJson();
    EngineConfiguration defaults = EngineConfiguration.defaults();
    EngineConfiguration config = new EngineConfiguration(defaults.partitionId(), properties.getMaxBatchSize(),
        properties.getMaxQueuedCommands(), Duration.ofMillis(100), "localhost", properties.getGrpc().getPort(),
        defaults.version(), properties.getSnapshotInterval(), properties.getClock().isControllable());
    Engine engine =
        Engine.start(config, new PostgresEventLog(dataSource, json, config.partitionId()), json, history::committed);
    engine.pacedBy(history::pacingMillis);
    // before the gateways start: without a user nobody could call them
    engine.identity().ensureInitialAdministrator(
        properties.getAuth().getUsername(), properties.getAuth().getPassword()).join();
    return engine;
  }

  /** Runs batch operations: their items from the history as their creator may read it, done as the creator. */
  @Bean(destroyMethod = "close")
  BatchOperationRunner batchOperationRunner(Engine engine, DataSource dataSource, HistoryProjector history,
      ApiSecurity security) {
    BatchOperationRunner runner =
        new BatchOperationRunner(engine, new SqlSearch(dataSource, new ObjectMapper(), security::permittedIds), history);
    runner.start();
    return runner;
  }

  @Bean(destroyMethod = "close")
  GrpcGatewayServer grpcGatewayServer(Engine engine, ApiSecurity security, EngineProperties properties)
      throws IOException {
    GrpcGatewayServer server = new GrpcGatewayServer(engine, security, properties.getGrpc().getHost(),
        properties.getGrpc().getPort(), Math.toIntExact(properties.getMaxMessageSize().toBytes()));
    server.start();
    return server;
  }
}

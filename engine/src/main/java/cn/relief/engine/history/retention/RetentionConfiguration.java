package cn.relief.engine.history.retention;

import cn.relief.engine.Engine;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Retention of the history on the engine's DataSource, with its schedule and endpoints. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
@Import(RetentionController.class)
public class RetentionConfiguration {

  @Bean(destroyMethod = "close")
  public HistoryRetention historyRetention(Engine engine, DataSource dataSource, RetentionProperties properties) {
    HistoryRetention retention = new HistoryRetention(engine, new HistoryPurge(dataSource),
        RetentionPolicy.of(properties), properties.getBatchSize());
    retention.schedule(properties.getCheckInterval());
    return retention;
  }
}

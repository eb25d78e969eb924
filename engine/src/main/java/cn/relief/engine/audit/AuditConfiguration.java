package cn.relief.engine.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The audit trail's verifier, search and endpoints, on the engine's DataSource, and its anchors
 * outside the database when {@code relief.engine.audit.anchor-file} names a file (the app sets one;
 * {@code relief.engine.audit.anchor-interval}, default one minute, says how often the head is written).
 */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${relief.engine.audit.anchor-file:}' != ''")
  public AuditAnchors auditAnchors(DataSource dataSource, @Value("${relief.engine.audit.anchor-file}") String file,
      @Value("${relief.engine.audit.anchor-interval:1m}") Duration interval) {
    AuditAnchors anchors = new AuditAnchors(dataSource, Path.of(file));
    anchors.schedule(interval);
    return anchors;
  }

  @Bean
  public AuditVerifier auditVerifier(DataSource dataSource, ObjectProvider<AuditAnchors> anchors) {
    return new AuditVerifier(dataSource, anchors.getIfAvailable());
  }

  @Bean
  public AuditSearch auditSearch(DataSource dataSource) {
    return new AuditSearch(dataSource, new ObjectMapper());
  }
}

package cn.relief.engine.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The audit trail's verifier, search and endpoints, on the engine's DataSource. */
@Configuration(proxyBeanMethods = false)
@Import(AuditController.class)
public class AuditConfiguration {

  @Bean
  public AuditVerifier auditVerifier(DataSource dataSource) {
    return new AuditVerifier(dataSource);
  }

  @Bean
  public AuditSearch auditSearch(DataSource dataSource) {
    return new AuditSearch(dataSource, new ObjectMapper());
  }
}

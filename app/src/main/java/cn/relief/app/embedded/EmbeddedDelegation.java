package cn.relief.app.embedded;

import cn.relief.app.security.DelegationHeader;
import cn.relief.engine.identity.ApiSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Hands the embedded engine's delegation token (made at each start) to the application acting for
 * people. Without the embedded engine, the token of the engine the app points at, if it has one
 * ({@code relief.web.delegation-token}, env {@code RELIEF_DELEGATION_TOKEN}): this project's engine
 * elsewhere; a Camunda cluster needs none.
 */
@Configuration
class EmbeddedDelegation {
  @Bean
  DelegationHeader delegationHeader(ObjectProvider<ApiSecurity> engineSecurity,
      @Value("${relief.web.delegation-token:${RELIEF_DELEGATION_TOKEN:}}") String configuredToken) {
    ApiSecurity security = engineSecurity.getIfAvailable();
    if (security != null) {
      return new DelegationHeader(ApiSecurity.DELEGATION_HEADER, security.delegationToken());
    }
    return configuredToken.isBlank() ? DelegationHeader.NONE
        : new DelegationHeader(ApiSecurity.DELEGATION_HEADER, configuredToken);
  }
}

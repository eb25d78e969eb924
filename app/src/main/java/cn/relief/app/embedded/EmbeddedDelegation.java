package cn.relief.app.embedded;

import cn.relief.app.security.DelegationHeader;
import cn.relief.engine.identity.ApiSecurity;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Hands the embedded engine's delegation token (made at each start) to the application acting for people. */
@Configuration
class EmbeddedDelegation {
  @Bean
  DelegationHeader delegationHeader(ObjectProvider<ApiSecurity> engineSecurity) {
    ApiSecurity security = engineSecurity.getIfAvailable();
    return security == null ? DelegationHeader.NONE
        : new DelegationHeader(ApiSecurity.DELEGATION_HEADER, security.delegationToken());
  }
}

package cn.relief.engine.gateway.rest;

import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.spring.EngineProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import cn.relief.engine.history.search.SqlSearch;
import com.fasterxml.jackson.databind.ObjectMapper;
import javax.sql.DataSource;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Wires the Zeebe-compatible REST v2 API: the controllers of this package, their problem-detail
 * error handling (also for unknown {@code /v2} paths) and basic authentication on {@code /v2/*}.
 * Expects beans of type {@code EngineApi}, {@link ApiSecurity}, {@code IdentityCommands} and {@link
 * EngineProperties}.
 *
 * <p>The controllers are imported explicitly rather than component-scanned so that importing this
 * configuration is all an application needs, whatever packages it scans itself.
 *
 * <p>Request bodies are limited to {@code relief.engine.max-message-size} (4 MB, as the gRPC
 * gateway's messages). Deployment resources are also limited by Spring Boot's multipart settings
 * ({@code spring.servlet.multipart.max-file-size}, default 1 MB per resource); they are
 * application-wide, so they are set in the application's properties, not here.
 */
@Configuration(proxyBeanMethods = false)
@Import({
  TopologyController.class,
  DeploymentController.class,
  DeploymentValidationController.class,
  DecisionDefinitionController.class,
  ProcessInstanceController.class,
  JobController.class,
  UserTaskController.class,
  IncidentController.class,
  ElementInstanceController.class,
  MessageController.class,
  SignalController.class,
  ClockController.class,
  ProcessQueryController.class,
  ExecutionQueryController.class,
  UserTaskQueryController.class,
  DecisionQueryController.class,
  UserController.class,
  GroupController.class,
  RoleController.class,
  AuthorizationController.class,
  BatchOperationController.class,
  RestProblemHandler.class
})
public class RestGatewayConfiguration {
  static final String API_PATTERN = "/v2/*";

  /** Refuses bodies over the engine's message size before anything reads them (even before authentication). */
  @Bean
  public FilterRegistrationBean<RestBodyLimitFilter> restBodyLimitFilter(EngineProperties properties) {
    FilterRegistrationBean<RestBodyLimitFilter> registration =
        new FilterRegistrationBean<>(new RestBodyLimitFilter(properties.getMaxMessageSize().toBytes()));
    registration.addUrlPatterns(API_PATTERN);
    registration.setName("reliefRestBodyLimit");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<RestAuthenticationFilter> restAuthenticationFilter(ApiSecurity security) {
    FilterRegistrationBean<RestAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new RestAuthenticationFilter(security));
    registration.addUrlPatterns(API_PATTERN);
    registration.setName("reliefRestAuthentication");
    // Before any other application filter, so that nothing does work for unauthenticated callers.
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /**
   * History searches run on the engine's PostgreSQL, with a mapper of their own for cursors; each
   * finds only the rows of the processes and decisions its caller may read.
   */
  @Bean
  public SqlSearch historySearch(DataSource dataSource, ApiSecurity security) {
    return new SqlSearch(dataSource, new ObjectMapper(), security::permittedIds);
  }

  @Bean
  public HandlerExceptionResolver restFallbackExceptionResolver() {
    return new RestFallbackExceptionResolver();
  }
}

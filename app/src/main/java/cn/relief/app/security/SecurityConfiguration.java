package cn.relief.app.security;

import io.camunda.client.CamundaClient;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;
import org.springframework.web.servlet.i18n.SessionLocaleResolver;

/**
 * The web application's security: form login against the engine's identity, CSRF tokens, secure
 * headers, every page authenticated but the login page, the health check and the public report
 * page; the partner API by HTTP basic for partner accounts. The engine's REST
 * API under {@code /v2/} is left to the engine's own filter (HTTP basic, per request).
 */
@Configuration
@EnableWebSecurity
public class SecurityConfiguration implements WebMvcConfigurer {
  /** The UI's chain covers everything but the engine's REST API. */
  static final RequestMatcher UI_REQUESTS = request -> !request.getRequestURI()
      .startsWith(request.getContextPath() + "/v2/");

  /**
   * The partner API for hotlines (110, 12345): HTTP basic on each request with a partner account,
   * no session and so no CSRF token; nothing else of the app is reachable with these accounts' role.
   */
  /** Every role but the partners'. */
  private static final String[] STAFF_ROLES = Arrays.stream(ReliefRole.values())
      .filter(role -> role != ReliefRole.PARTNER).map(ReliefRole::name).toArray(String[]::new);

  @Bean
  @Order(1)
  SecurityFilterChain partnerApiSecurity(HttpSecurity http) throws Exception {
    http.securityMatcher(EngineAuthenticationProvider.PARTNER_API + "**")
        .authorizeHttpRequests(requests -> requests.anyRequest().hasRole(ReliefRole.PARTNER.name()))
        .httpBasic(basic -> basic.realmName("relief-partner"))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Bean
  SecurityFilterChain uiSecurity(HttpSecurity http) throws Exception {
    // the login goes to the one AuthenticationProvider bean (engineAuthenticationProvider) through the
    // global authentication manager; adding it to the chain too would ask it twice on each failure
    http.securityMatcher(UI_REQUESTS)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers("/login", "/login.css", "/app.css", "/actuator/health", "/actuator/health/**", "/error").permitAll()
            // the public report page (write-only, rate-limited) and what it draws with
            .requestMatchers("/report", "/report/received", "/css/report.css", "/css/region-map.css", "/js/report.js",
                "/js/region-map.js", "/geo/guangdong.geojson").permitAll()
            // each page by role; within a page the engine's permissions and CaseAccess decide further
            .requestMatchers("/models", "/models/**").hasAnyRole("POLICY_STAFF", "ADMIN")
            .requestMatchers("/tasks", "/tasks/**").hasAnyRole("CASEWORKER", "STATION_HEAD", "REGIONAL_CENTRE", "ADMIN")
            .requestMatchers("/analysis", "/analysis/**")
            .hasAnyRole("STATION_HEAD", "REGIONAL_CENTRE", "AUDITOR", "POLICY_STAFF", "ADMIN")
            .requestMatchers("/key-persons", "/key-persons/**")
            .hasAnyRole("CASEWORKER", "STATION_HEAD", "REGIONAL_CENTRE", "AUDITOR", "ADMIN")
            .requestMatchers("/dispatch", "/dispatch/**", "/patrol", "/patrol/**", "/resources", "/resources/**")
            .hasAnyRole("CASEWORKER", "STATION_HEAD", "REGIONAL_CENTRE", "ADMIN")
            .requestMatchers("/cases", "/cases/**")
            .hasAnyRole("CASEWORKER", "STATION_HEAD", "REGIONAL_CENTRE", "AUDITOR", "ADMIN")
            .requestMatchers("/audit", "/audit/**").hasAnyRole("AUDITOR", "ADMIN")
            .requestMatchers("/operations", "/operations/**").hasAnyRole("STATION_HEAD", "ADMIN")
            .requestMatchers("/admin", "/admin/**").hasRole("ADMIN")
            // partner hotline accounts send reports through their API and see nothing of the app
            .anyRequest().hasAnyRole(STAFF_ROLES))
        .formLogin(form -> form.loginPage("/login")
            .defaultSuccessUrl("/", false)
            // a wrong password, a locked account and an engine that did not answer are told apart:
            // telling a person their right password is wrong sends them guessing into the lock-out
            .failureHandler((request, response, exception) -> response.sendRedirect(request.getContextPath()
                + (exception instanceof LockedException ? "/login?locked"
                    : exception instanceof AuthenticationServiceException ? "/login?unavailable" : "/login?error"))))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .headers(headers -> headers
            .contentSecurityPolicy(csp -> csp.policyDirectives(
                // scripts only from this server; bpmn-js, dmn-js and form-js set style attributes and
                // draw with data: images and fonts, which style-src/img-src/font-src allow
                "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                    + "font-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; "
                    + "form-action 'self'"))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
    return http.build();
  }

  @Bean
  LoginAttempts loginAttempts(@Value("${relief.security.lockout.max-attempts:5}") int maxAttempts,
      @Value("${relief.security.lockout.window:15m}") Duration window,
      @Value("${relief.security.lockout.duration:15m}") Duration duration) {
    return new LoginAttempts(maxAttempts, window, duration, Clock.systemUTC());
  }

  @Bean
  UserEngineClients userEngineClients(@Value("${camunda.client.rest-address}") URI restAddress,
      ObjectProvider<DelegationHeader> delegation) {
    return new UserEngineClients(restAddress, delegation.getIfAvailable(() -> DelegationHeader.NONE));
  }

  @Bean
  EngineUserDirectory engineUserDirectory(CamundaClient client) {
    return new EngineUserDirectory(client);
  }

  @Bean
  EngineAuthenticationProvider engineAuthenticationProvider(UserEngineClients clients,
      EngineUserDirectory directory, LoginAttempts attempts) {
    return new EngineAuthenticationProvider(clients, directory, attempts);
  }

  /** zh-CN unless the session chose otherwise with {@code ?lang=en}. */
  @Bean
  LocaleResolver localeResolver() {
    SessionLocaleResolver resolver = new SessionLocaleResolver();
    resolver.setDefaultLocale(Locale.SIMPLIFIED_CHINESE);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor interceptor = new LocaleChangeInterceptor();
    interceptor.setParamName("lang");
    registry.addInterceptor(interceptor);
  }
}

package cn.relief.app.reports;

import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

@Configuration
@EnableConfigurationProperties(ReportsProperties.class)
@EnableScheduling
class ReportsConfiguration {

  @Bean
  PublicReportLimit publicReportLimit(ReportsProperties properties) {
    return new PublicReportLimit(properties.publicLimit(), Clock.systemUTC());
  }
}

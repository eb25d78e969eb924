package cn.relief.app.dispatch;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(DispatchProperties.class)
class DispatchConfiguration {}

package cn.relief.app.patrol;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(PatrolProperties.class)
class PatrolConfiguration {}

package cn.relief.workers;

import cn.relief.workers.deadlines.CalendarProperties;
import cn.relief.workers.documents.DocumentsProperties;
import cn.relief.workers.notices.NoticeProperties;
import cn.relief.workers.simulation.SimulationProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.PropertySource;

/**
 * Brings the workers, their services and the simulated outside systems into an application that has
 * this jar on its class path (a Spring Boot auto-configuration). Defaults, among them the holiday
 * calendar, come from {@code relief-workers-defaults.properties} and give way to the application's
 * own properties. {@code relief.simulators.enabled=false} leaves the outside systems to real adapters.
 */
@AutoConfiguration
@ComponentScan
@EnableConfigurationProperties({SimulationProperties.class, CalendarProperties.class,
    NoticeProperties.class, DocumentsProperties.class})
@PropertySource(value = "classpath:relief-workers-defaults.properties", encoding = "UTF-8")
public class WorkersConfiguration {}

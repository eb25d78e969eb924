package cn.relief.app.dispatch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code relief.dispatch.*}: the dispatch board's estimates.
 *
 * @param speedKmh the speed a team covers the straight-line distance at, for the estimated time to
 *     arrival (town traffic, on foot at the end)
 * @param positionFreshFor a team position older than this is not used to propose the team
 */
@ConfigurationProperties("relief.dispatch")
public record DispatchProperties(@DefaultValue("20") double speedKmh, @DefaultValue("2h") Duration positionFreshFor) {}

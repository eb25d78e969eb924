package cn.relief.app.patrol;

import java.time.Duration;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code relief.patrol.*}: street patrol rounds.
 *
 * @param zone the zone the plans' wall-clock times are in (the region's)
 * @param planEvery how often the planner looks for rounds that are due
 * @param lateStartLimit a planned round missed (the application was down) is still started this
 *     long after its time, not later: a round hours late helps nobody
 * @param showBefore a round appears on the team's phone page this long before its time
 * @param showFor an unfinished round stays on the phone page this long after its time (its record
 *     task stays in the task list after that)
 * @param checkpointRadius a check-in this close to a checkpoint visits it, in metres
 */
@ConfigurationProperties("relief.patrol")
public record PatrolProperties(@DefaultValue("Asia/Shanghai") ZoneId zone, @DefaultValue("1m") Duration planEvery,
    @DefaultValue("2h") Duration lateStartLimit, @DefaultValue("1h") Duration showBefore,
    @DefaultValue("24h") Duration showFor, @DefaultValue("150") double checkpointRadius) {}

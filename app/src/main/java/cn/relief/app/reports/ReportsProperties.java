package cn.relief.app.reports;

import cn.relief.app.geo.Area;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code relief.reports.*}: how discovery reports are linked, routed and limited (README
 * "Discovery reports").
 *
 * @param linkWindow a report seen within this time of an open first report may be the same person
 * @param linkDistance ... and within this many metres of it
 * @param dispatchTimeLimit a report nobody dispatched within this time reminds the regional centre
 * @param stations the station that handles reports from each division (division code to station
 *     group id); reports from elsewhere go to {@code homeStation}
 * @param homeStation the station of reports from divisions without one of their own
 * @param province the province the cases started from reports are received in
 * @param publicLimit how many reports the public page takes
 */
@ConfigurationProperties("relief.reports")
public record ReportsProperties(
    @DefaultValue("2h") Duration linkWindow,
    @DefaultValue("300") double linkDistance,
    @DefaultValue("15m") Duration dispatchTimeLimit,
    @DefaultValue Map<String, String> stations,
    @DefaultValue("org-station-tianhe") String homeStation,
    @DefaultValue("广东省") String province,
    @DefaultValue PublicLimit publicLimit) {

  /**
   * The public page's rate limit: per client address and for all callers together, so that one
   * sender cannot flood the dispatch board and many cannot either.
   */
  public record PublicLimit(@DefaultValue("5") int perAddress, @DefaultValue("10m") Duration window,
      @DefaultValue("120") int allPerMinute) {}

  public SightingRule sightingRule() {
    return new SightingRule(linkWindow, linkDistance);
  }

  public String stationFor(Optional<Area> area) {
    return area.map(Area::code).map(stations::get).orElse(homeStation);
  }
}

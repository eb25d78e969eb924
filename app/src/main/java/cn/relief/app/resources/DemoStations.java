package cn.relief.app.resources;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo stations' resources (README "Regional resources"), added once: Tianhe full and without
 * minors' quarters, Baiyun with room and a shelter, the regional centre with room and everything.
 */
@Component
@ConditionalOnProperty(name = "relief.demo.enabled", havingValue = "true")
class DemoStations {
  static final List<StationResource> STATIONS = List.of(
      new StationResource("org-station-tianhe", "广州市天河区救助管理站", new GeoPoint(23.1330, 113.3600), 40, 40, 6, 1,
          false, false, false, "demo", Instant.EPOCH),
      new StationResource("org-station-baiyun", "广州市白云区救助管理站", new GeoPoint(23.1980, 113.2650), 30, 12, 5, 2,
          false, false, true, "demo", Instant.EPOCH),
      new StationResource("org-regional-huanan", "华南救助管理区域性中心", new GeoPoint(23.0800, 113.3200), 80, 50, 20, 4,
          true, true, true, "demo", Instant.EPOCH));

  private final StationResources resources;

  DemoStations(StationResources resources) {
    this.resources = resources;
  }

  @EventListener(ApplicationReadyEvent.class)
  void addDemoStations() {
    STATIONS.forEach(resources::addIfAbsent);
  }
}

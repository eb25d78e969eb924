package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The demo stations' patrol areas and plans (README "Street patrol"), added once with the demo
 * users: an area's plans are added only when the area itself was new, so a plan a station head
 * ended stays ended after a restart.
 */
@Component
@ConditionalOnProperty(name = "relief.demo.enabled", havingValue = "true")
class DemoPatrolAreas {
  private record DemoPlan(PatrolArea area, String teamId, LocalTime at, EnumSet<DayOfWeek> days) {}

  private static final List<DemoPlan> PLANS = List.of(
      new DemoPlan(new PatrolArea("area-tianhe-sports", "天河体育中心周边", "org-station-tianhe", List.of(
          new Checkpoint("体育西路地铁站B出口", new GeoPoint(23.1335, 113.3215)),
          new Checkpoint("体育中心南门", new GeoPoint(23.1355, 113.3245)),
          new Checkpoint("天河路人行天桥", new GeoPoint(23.1325, 113.3280)))),
          "team-tianhe-1", LocalTime.of(20, 0), EnumSet.allOf(DayOfWeek.class)),
      new DemoPlan(new PatrolArea("area-tianhe-east-station", "广州东站广场", "org-station-tianhe", List.of(
          new Checkpoint("东站东广场", new GeoPoint(23.1505, 113.3255)),
          new Checkpoint("东站地下通道", new GeoPoint(23.1495, 113.3235)))),
          "team-tianhe-2", LocalTime.of(22, 0), EnumSet.of(DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)),
      new DemoPlan(new PatrolArea("area-baiyun-sanyuanli", "三元里商圈", "org-station-baiyun", List.of(
          new Checkpoint("三元里地铁站", new GeoPoint(23.1625, 113.2610)),
          new Checkpoint("机场路桥底", new GeoPoint(23.1660, 113.2635)))),
          "team-baiyun-1", LocalTime.of(20, 30), EnumSet.allOf(DayOfWeek.class)));

  private final PatrolAreas areas;
  private final PatrolPlans plans;

  DemoPatrolAreas(PatrolAreas areas, PatrolPlans plans) {
    this.areas = areas;
    this.plans = plans;
  }

  @EventListener(ApplicationReadyEvent.class)
  void addDemoAreas() {
    for (DemoPlan plan : PLANS) {
      if (areas.add(plan.area(), "demo")) {
        plans.add(plan.area().id(), plan.teamId(), plan.at(), plan.days(), "demo", Instant.now());
      }
    }
  }
}

package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.reports.AgeGroup;
import cn.relief.app.reports.ReportedSex;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A person a team found on a round (发现人员), entered on the phone page: where (in words, and the
 * phone's position if it gave one), what the person looks like and needs, whether they accept
 * help, and the advice given to one who refuses.
 */
public record Finding(long roundId, String username, GeoPoint place, String locationText, String description,
    ReportedSex sex, AgeGroup ageGroup, boolean acceptsHelp, boolean isMinor, boolean needsMedicalCare,
    String adviceGiven, Instant at) {

  /** One item of the round's {@code discoveries}: what the record task's form (patrol-record) holds. */
  public Map<String, Object> discovery() {
    Map<String, Object> discovery = new HashMap<>();
    discovery.put("location", locationText);
    discovery.put("description", description);
    discovery.put("apparentSex", sex.name());
    discovery.put("apparentAgeGroup", ageGroup.name());
    discovery.put("acceptsHelp", acceptsHelp);
    discovery.put("isMinor", isMinor);
    discovery.put("needsMedicalCare", needsMedicalCare);
    if (place != null) {
      discovery.put("latitude", place.latitude());
      discovery.put("longitude", place.longitude());
    }
    if (adviceGiven != null) {
      discovery.put("adviceGiven", adviceGiven);
    }
    return discovery;
  }
}

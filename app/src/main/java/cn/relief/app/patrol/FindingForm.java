package cn.relief.app.patrol;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.reports.AgeGroup;
import cn.relief.app.reports.ReportedSex;
import cn.relief.app.web.FormText;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A person found on a round as typed on the phone page. Someone who refuses help (and is not a
 * minor, whom civil affairs take in regardless) needs the advice given written down: the round's
 * advice record is made of it. The lengths are those of the record task's form (patrol-record),
 * which the engine checks again when the round is finished.
 */
public record FindingForm(String locationText, String description, String sex, String ageGroup, Boolean acceptsHelp,
    Boolean isMinor, Boolean needsMedicalCare, String adviceGiven, String latitude, String longitude) {
  static final String PREFIX = "patrol.error";

  /** The checked finding, or the problems by field (message keys). */
  public record Checked(Finding finding, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Checked check(long roundId, String username, Instant at) {
    Map<String, String> errors = new LinkedHashMap<>();
    String where = FormText.text(errors, PREFIX, "locationText", locationText, 2, 200);
    String what = FormText.text(errors, PREFIX, "description", description, 4, 500);
    ReportedSex reportedSex = FormText.choice(errors, PREFIX, "sex", sex, ReportedSex.class, ReportedSex.UNKNOWN);
    AgeGroup age = FormText.choice(errors, PREFIX, "ageGroup", ageGroup, AgeGroup.class, AgeGroup.UNKNOWN);
    // a checkbox left unticked is not sent at all
    boolean accepts = Boolean.TRUE.equals(acceptsHelp);
    boolean minor = Boolean.TRUE.equals(isMinor) || age == AgeGroup.MINOR;
    String advice = null;
    if (!accepts && !minor) {
      advice = FormText.text(errors, PREFIX, "adviceGiven", adviceGiven, 2, 500);
    } else if (!FormText.blank(adviceGiven)) {
      advice = FormText.text(errors, PREFIX, "adviceGiven", adviceGiven, 0, 500);
    }
    GeoPoint place = null;
    if (!FormText.blank(latitude) || !FormText.blank(longitude)) {
      try {
        place = new GeoPoint(Double.parseDouble(latitude.strip()), Double.parseDouble(longitude.strip()));
      } catch (IllegalArgumentException | NullPointerException e) {
        errors.put("place", PREFIX + ".place");
      }
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(new Finding(roundId, username, place, where, what, reportedSex, age, accepts, minor,
        Boolean.TRUE.equals(needsMedicalCare), advice, at), Map.of());
  }
}

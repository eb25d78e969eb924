package cn.relief.app.reports;

import cn.relief.app.geo.GeoPoint;
import cn.relief.app.geo.RegionMap;
import cn.relief.app.web.FormText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A discovery report as typed in: the public page's form fields, or a partner's JSON (same names).
 * {@link #check} turns it into a {@link NewReport} or says, per field, what is wrong (message keys
 * {@code report.error.*}), so the page can show the form again with everything kept.
 */
public class ReportForm {
  static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
  /** Reports of what was seen longer ago are history, not something to dispatch a team to. */
  static final Duration OLDEST = Duration.ofDays(7);
  /** Phones' clocks run a little ahead at times. */
  static final Duration CLOCK_SLACK = Duration.ofMinutes(10);
  private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");
  /** Control characters other than line breaks and tabs: PostgreSQL refuses NUL, none is typed on purpose. */
  private static final String PREFIX = "report.error";

  private String latitude;
  private String longitude;
  private String locationText;
  private String seenAt;
  private String description;
  private String sex = ReportedSex.UNKNOWN.name();
  private String ageGroup = AgeGroup.UNKNOWN.name();
  private boolean needsMedicalCare;
  private String reporterPhone;

  /** The checked report, or the problems by field. */
  public record Checked(NewReport report, Map<String, String> errors) {
    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Checked check(ReportSource source, String reportedBy, ReportPhoto photo, RegionMap region, Clock clock) {
    Map<String, String> errors = new LinkedHashMap<>();
    GeoPoint place = place(errors, region);
    String where = FormText.text(errors, PREFIX, "locationText", locationText, 2, 200);
    String what = FormText.text(errors, PREFIX, "description", description, 4, 1000);
    Instant seen = seen(errors, clock);
    ReportedSex reportedSex = FormText.choice(errors, PREFIX, "sex", sex, ReportedSex.class, ReportedSex.UNKNOWN);
    AgeGroup age = FormText.choice(errors, PREFIX, "ageGroup", ageGroup, AgeGroup.class, AgeGroup.UNKNOWN);
    String phone = FormText.blank(reporterPhone) ? null : reporterPhone.strip();
    if (phone != null && !PHONE.matcher(phone).matches()) {
      errors.put("reporterPhone", "report.error.phone");
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(new NewReport(source, reportedBy, seen, place, where, what, reportedSex, age, needsMedicalCare,
        phone, photo), Map.of());
  }

  private GeoPoint place(Map<String, String> errors, RegionMap region) {
    if (FormText.blank(latitude) || FormText.blank(longitude)) {
      errors.put("place", "report.error.place.missing");
      return null;
    }
    try {
      GeoPoint place = new GeoPoint(Double.parseDouble(latitude.strip()), Double.parseDouble(longitude.strip()));
      if (region.areaOf(place).isEmpty()) {
        errors.put("place", "report.error.place.outside");
        return null;
      }
      return place;
    } catch (IllegalArgumentException e) {
      errors.put("place", "report.error.place.invalid");
      return null;
    }
  }

  private Instant seen(Map<String, String> errors, Clock clock) {
    Instant now = clock.instant();
    if (FormText.blank(seenAt)) {
      return now;
    }
    Instant seen;
    try {
      // the page's datetime-local field gives local (Beijing) time; partners may send an offset
      seen = seenAt.strip().matches(".*([+-]\\d\\d:\\d\\d|Z)$") ? OffsetDateTime.parse(seenAt.strip()).toInstant()
          : LocalDateTime.parse(seenAt.strip()).atZone(CHINA).toInstant();
    } catch (DateTimeParseException e) {
      errors.put("seenAt", "report.error.seenAt.invalid");
      return null;
    }
    if (seen.isAfter(now.plus(CLOCK_SLACK))) {
      errors.put("seenAt", "report.error.seenAt.future");
    } else if (seen.isBefore(now.minus(OLDEST))) {
      errors.put("seenAt", "report.error.seenAt.old");
    }
    return seen;
  }




  public String getLatitude() {
    return latitude;
  }

  public void setLatitude(String latitude) {
    this.latitude = latitude;
  }

  public String getLongitude() {
    return longitude;
  }

  public void setLongitude(String longitude) {
    this.longitude = longitude;
  }

  public String getLocationText() {
    return locationText;
  }

  public void setLocationText(String locationText) {
    this.locationText = locationText;
  }

  public String getSeenAt() {
    return seenAt;
  }

  public void setSeenAt(String seenAt) {
    this.seenAt = seenAt;
  }

  public String getDescription() {
    return description;
  }

  public void setDescription(String description) {
    this.description = description;
  }

  public String getSex() {
    return sex;
  }

  public void setSex(String sex) {
    this.sex = sex;
  }

  public String getAgeGroup() {
    return ageGroup;
  }

  public void setAgeGroup(String ageGroup) {
    this.ageGroup = ageGroup;
  }

  public boolean isNeedsMedicalCare() {
    return needsMedicalCare;
  }

  public void setNeedsMedicalCare(boolean needsMedicalCare) {
    this.needsMedicalCare = needsMedicalCare;
  }

  public String getReporterPhone() {
    return reporterPhone;
  }

  public void setReporterPhone(String reporterPhone) {
    this.reporterPhone = reporterPhone;
  }
}

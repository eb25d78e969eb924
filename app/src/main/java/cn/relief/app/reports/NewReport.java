package cn.relief.app.reports;

import cn.relief.app.geo.GeoPoint;
import java.time.Instant;

/**
 * A discovery report as received and checked, before it is stored: what was seen, where and when,
 * and by whom ({@code reportedBy}: the partner account, or null for the public page).
 */
public record NewReport(ReportSource source, String reportedBy, Instant seenAt, GeoPoint place, String locationText,
    String description, ReportedSex sex, AgeGroup ageGroup, boolean needsMedicalCare, String reporterPhone,
    ReportPhoto photo) {}

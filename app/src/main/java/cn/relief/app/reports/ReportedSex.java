package cn.relief.app.reports;

/** The sex of the person as the reporter saw it; unknown matches either in the linking rule. */
public enum ReportedSex {
  MALE, FEMALE, UNKNOWN
}

package cn.relief.app.reports;

/** The person's apparent age as the reporter saw it; unknown matches any in the linking rule. */
public enum AgeGroup {
  /** Looks under 18: the dispatch board marks it, civil affairs must take a minor in. */
  MINOR,
  ADULT,
  /** Looks 60 or older. */
  ELDERLY,
  UNKNOWN
}

package cn.relief.app.web;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** Times as the stations read them: China Standard Time, whatever zone the server runs in. */
public final class Times {
  public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private Times() {}

  public static String format(OffsetDateTime time) {
    return time == null ? "" : time.atZoneSameInstant(ZONE).format(FORMAT);
  }
}

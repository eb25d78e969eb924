package cn.relief.app.reports;

/** Where a discovery report came from. */
public enum ReportSource {
  /** The public report page, anyone with a phone. */
  PUBLIC_WEB("群众网上报告", "Public report page"),
  /** The police's 110 command centre, through the partner API. */
  HOTLINE_110("110报警服务台", "Police hotline 110"),
  /** The government service hotline 12345, through the partner API. */
  HOTLINE_12345("12345政务服务便民热线", "Government hotline 12345");

  private final String nameZh;
  private final String nameEn;

  ReportSource(String nameZh, String nameEn) {
    this.nameZh = nameZh;
    this.nameEn = nameEn;
  }

  public String nameZh() {
    return nameZh;
  }

  public String nameEn() {
    return nameEn;
  }
}

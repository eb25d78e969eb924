package cn.relief.app.reports;

/**
 * A partner hotline's report (JSON, {@code POST /api/partner/reports}): the public form's fields,
 * which hotline took the call ({@code source}: HOTLINE_110 or HOTLINE_12345) and an optional photo
 * as base64.
 */
public class PartnerReport extends ReportForm {
  private String source;
  private String photoBase64;

  public String getSource() {
    return source;
  }

  public void setSource(String source) {
    this.source = source;
  }

  public String getPhotoBase64() {
    return photoBase64;
  }

  public void setPhotoBase64(String photoBase64) {
    this.photoBase64 = photoBase64;
  }
}

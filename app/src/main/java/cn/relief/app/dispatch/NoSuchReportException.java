package cn.relief.app.dispatch;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

/** No open report has this reference (closed, linked to another, or never made): 404. */
@ResponseStatus(HttpStatus.NOT_FOUND)
public class NoSuchReportException extends RuntimeException {
  public NoSuchReportException(String reference) {
    super("No open report " + reference);
  }
}

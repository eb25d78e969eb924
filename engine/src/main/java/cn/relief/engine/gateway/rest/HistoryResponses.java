package cn.relief.engine.gateway.rest;

import io.camunda.client.protocol.rest.FormResult;
import io.camunda.client.protocol.rest.SearchQueryPageResponse;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/** Turns history rows into the REST v2 result shapes: keys as strings, dates as ISO 8601. */
final class HistoryResponses {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

  private HistoryResponses() {}

  static String key(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : String.valueOf(value);
  }

  static String text(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : String.valueOf(value);
  }

  static Integer integer(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : ((Number) value).intValue();
  }

  static String date(Map<String, Object> row, String column) {
    Object value = row.get(column);
    return value == null ? null : ISO.format(((Timestamp) value).toInstant().atOffset(ZoneOffset.UTC));
  }

  /** A deployed form, as the user-task and start-form requests answer it. */
  static FormResult form(Map<String, Object> row) {
    return new FormResult()
        .formKey(key(row, "form_key"))
        .formId(text(row, "form_id"))
        .version(((Number) row.get("version")).longValue())
        .tenantId(text(row, "tenant_id"))
        .schema(text(row, "schema"));
  }

  static SearchQueryPageResponse page(cn.relief.engine.history.search.SqlSearch.Page page) {
    return new SearchQueryPageResponse().totalItems(page.total()).hasMoreTotalItems(page.moreTotal())
        .startCursor(page.startCursor()).endCursor(page.endCursor());
  }
}

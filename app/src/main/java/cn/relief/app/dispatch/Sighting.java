package cn.relief.app.dispatch;

import java.time.Instant;

/**
 * A later report of the same person linked to an open first report: shown on the first report's
 * card, with its own reporter's phone and photo, to those who may dispatch the first report.
 */
public record Sighting(long id, String reference, String source, Instant seenAt, String locationText,
    String description, String reporterPhone, boolean hasPhoto) {}

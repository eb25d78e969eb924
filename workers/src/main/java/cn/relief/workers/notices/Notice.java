package cn.relief.workers.notices;

import java.time.LocalDate;

/** What one notice says. */
public record Notice(NoticeKind kind, String caseNumber, String fullName, String reason, String note,
    LocalDate date) {}

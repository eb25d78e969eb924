package cn.relief.app.dashboard;

/** What the dashboard shows a user: counts only, no case and no person. */
public record DashboardFigures(Caseload caseload, DeadlineTally deadlines, long openIncidents) {}

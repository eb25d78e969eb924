package cn.relief.app.dispatch;

/**
 * One open report on the board: the report, the team proposed for it (null if none is free, or it
 * is dispatched already), and whether it waited longer than the dispatch time limit.
 */
public record BoardRow(OpenReport report, Proposal proposal, boolean overdue, String teamName) {}

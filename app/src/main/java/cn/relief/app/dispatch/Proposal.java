package cn.relief.app.dispatch;

import cn.relief.app.patrol.PatrolTeam;

/** The nearest free team for a report, how far it is and about how many minutes it needs to get there. */
public record Proposal(PatrolTeam team, double metres, long minutes) {}

package cn.relief.engine.state;

import cn.relief.engine.record.DecisionRecord;

public record DeployedDecision(long key, DecisionRecord record) {}

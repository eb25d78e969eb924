package cn.relief.engine.state;

import cn.relief.engine.dmn.ExecutableDecisionRequirements;
import cn.relief.engine.record.DecisionRequirementsRecord;

public record DeployedDecisionRequirements(
    long key, DecisionRequirementsRecord record, ExecutableDecisionRequirements executable) {}

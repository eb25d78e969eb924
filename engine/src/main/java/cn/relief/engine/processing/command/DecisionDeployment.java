package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.DeployedDecision;
import cn.relief.engine.api.EngineApi.DeployedDecisionRequirements;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.dmn.ExecutableDecision;
import cn.relief.engine.dmn.ExecutableDecisionRequirements;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.DecisionRecord;
import cn.relief.engine.record.DecisionRequirementsRecord;
import cn.relief.engine.record.DeploymentRecord.DecisionMetadata;
import cn.relief.engine.record.DeploymentRecord.DecisionRequirementsMetadata;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import cn.relief.engine.state.DecisionState;
import java.util.List;
import java.util.Map;

/**
 * The DMN part of a deployment: validates a resource into a decision requirements graph and,
 * once the whole deployment is valid, versions the graph and its decisions. A graph whose resource
 * is byte-for-byte its latest version, under the same resource name, is not versioned again: its
 * existing graph and decisions are returned, as Zeebe does.
 */
final class DecisionDeployment {
  private final DmnTransformer transformer;

  DecisionDeployment(DmnTransformer transformer) {
    this.transformer = transformer;
  }

  /** A validated DMN resource, ready to be written. */
  record Parsed(String name, byte[] content, ExecutableDecisionRequirements requirements) {}

  /**
   * Validates one resource; adds each problem (prefixed with the resource name) to {@code problems}.
   * {@code drgResources} and {@code decisionResources} map the ids seen so far in this deployment to
   * their resource, so that an id deployed twice is reported with both resources.
   */
  Parsed validate(CommandContext ctx, String name, byte[] content, List<String> problems,
      Map<String, String> drgResources, Map<String, String> decisionResources) {
    DmnTransformer.Result result = transformer.transform(name, content);
    if (!result.isValid()) {
      result.problems().forEach(p -> problems.add("'" + name + "': " + p));
      return null;
    }
    ExecutableDecisionRequirements drg = result.requirements();
    String drgId = drg.decisionRequirementsId();
    String earlier = drgResources.putIfAbsent(drgId, name);
    if (earlier != null) {
      problems.add("'" + name + "': expected the decision requirements ids to be unique within a deployment, but '"
          + drgId + "' is also in '" + earlier + "'");
    }
    DecisionState decisions = ctx.state().decisions();
    for (ExecutableDecision decision : drg.decisions()) {
      String other = decisionResources.putIfAbsent(decision.decisionId(), name);
      if (other != null && !other.equals(name)) {
        problems.add("'" + name + "': expected the decision ids to be unique within a deployment, but '"
            + decision.decisionId() + "' is also in '" + other + "'");
      }
      cn.relief.engine.state.DeployedDecision deployed = decisions.latest(decision.decisionId());
      // a decision id names one decision; moving it to another graph would make its versions mean two things
      if (deployed != null && !deployed.record().decisionRequirementsId().equals(drgId)) {
        problems.add("'" + name + "': expected decision '" + decision.decisionId()
            + "' to belong to the decision requirements '" + deployed.record().decisionRequirementsId()
            + "' it was deployed with, but it is in '" + drgId + "' now");
      }
    }
    return new Parsed(name, content, drg);
  }

  /** Writes the graph and its decisions (unless unchanged) and collects what was deployed. */
  void write(CommandContext ctx, Parsed resource, long deploymentKey, String tenantId,
      List<DecisionRequirementsMetadata> requirementsMetadata, List<DecisionMetadata> decisionMetadata,
      List<DeployedDecisionRequirements> deployedRequirements, List<DeployedDecision> deployedDecisions) {
    ExecutableDecisionRequirements drg = resource.requirements();
    String checksum = DeploymentProcessor.checksum(resource.content());
    DecisionState decisions = ctx.state().decisions();
    cn.relief.engine.state.DeployedDecisionRequirements latest =
        decisions.latestRequirements(drg.decisionRequirementsId());
    boolean duplicate = latest != null && latest.record().checksum().equals(checksum)
        && latest.record().resourceName().equals(resource.name());
    long drgKey;
    int drgVersion;
    if (duplicate) {
      drgKey = latest.key();
      drgVersion = latest.record().version();
    } else {
      drgKey = ctx.state().keys().nextKey();
      drgVersion = latest == null ? 1 : latest.record().version() + 1;
      ctx.writer().appendEvent(drgKey, ValueType.DECISION_REQUIREMENTS, Intent.DecisionRequirements.CREATED,
          new DecisionRequirementsRecord(drg.decisionRequirementsId(), drg.decisionRequirementsName(), drgVersion,
              resource.name(), DeploymentProcessor.decode(resource.content()), checksum, deploymentKey, tenantId));
    }
    requirementsMetadata.add(new DecisionRequirementsMetadata(drg.decisionRequirementsId(),
        drg.decisionRequirementsName(), drgVersion, drgKey, resource.name(), checksum, duplicate));
    deployedRequirements.add(new DeployedDecisionRequirements(drg.decisionRequirementsId(),
        drg.decisionRequirementsName(), drgVersion, drgKey, resource.name(), tenantId));

    for (ExecutableDecision decision : drg.decisions()) {
      long key;
      int version;
      if (duplicate) {
        cn.relief.engine.state.DeployedDecision existing = decisions.inRequirements(drgKey, decision.decisionId());
        key = existing.key();
        version = existing.record().version();
      } else {
        cn.relief.engine.state.DeployedDecision previous = decisions.latest(decision.decisionId());
        key = ctx.state().keys().nextKey();
        version = previous == null ? 1 : previous.record().version() + 1;
        ctx.writer().appendEvent(key, ValueType.DECISION, Intent.Decision.CREATED,
            new DecisionRecord(decision.decisionId(), decision.decisionName(), version, drgKey,
                drg.decisionRequirementsId(), deploymentKey, decision.versionTag(), tenantId));
      }
      decisionMetadata.add(new DecisionMetadata(decision.decisionId(), decision.decisionName(), version, key,
          drg.decisionRequirementsId(), drgKey, duplicate));
      deployedDecisions.add(new DeployedDecision(decision.decisionId(), decision.decisionName(), version, key,
          drg.decisionRequirementsId(), drgKey, tenantId));
    }
  }
}

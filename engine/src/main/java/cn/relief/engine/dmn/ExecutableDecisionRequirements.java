package cn.relief.engine.dmn;

import java.util.List;
import org.camunda.dmn.parser.ParsedDmn;

/**
 * A parsed DMN resource: its decision requirements graph (the {@code definitions} element) with all
 * its decisions, ready to be evaluated. {@code parsed} is dmn-scala's model; only this package
 * looks into it.
 */
public record ExecutableDecisionRequirements(
    String decisionRequirementsId, String decisionRequirementsName, List<ExecutableDecision> decisions, ParsedDmn parsed) {

  public ExecutableDecision decision(String decisionId) {
    return decisions.stream().filter(d -> d.decisionId().equals(decisionId)).findFirst().orElse(null);
  }
}

package cn.relief.engine.dmn;

/**
 * A decision of a DMN resource as deployment sees it.
 *
 * @param versionTag the {@code zeebe:versionTag} extension of the decision, or null when it has none
 */
public record ExecutableDecision(String decisionId, String decisionName, String versionTag) {}

package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.DeployedProcess;
import cn.relief.engine.api.EngineApi.DeploymentInfo;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.DeploymentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessRecord;
import cn.relief.engine.record.ValueType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Validates and versions BPMN resources. A process whose resource is byte-for-byte the one of its
 * latest version is not versioned again: the existing version is returned, as Zeebe does.
 */
public final class DeploymentProcessor {
  private final BpmnTransformer transformer;

  public DeploymentProcessor(BpmnTransformer transformer) {
    this.transformer = transformer;
  }

  public DeploymentInfo deploy(CommandContext ctx, List<DeployResource> resources, String tenantId) {
    if (resources == null || resources.isEmpty()) {
      throw Rejections.invalidArgument(Intent.Deployment.CREATE, "Expected to deploy at least one resource, but none given");
    }
    List<String> problems = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    Set<String> processIds = new HashSet<>();
    for (DeployResource resource : resources) {
      String name = resource.name() == null ? "" : resource.name();
      String lower = name.toLowerCase(Locale.ROOT);
      if (!lower.endsWith(".bpmn") && !lower.endsWith(".xml")) {
        problems.add("'" + name + "': expected a BPMN resource (.bpmn or .xml), but this kind of resource is not supported yet");
        continue;
      }
      if (name.contains("..") || name.contains("\\") || name.startsWith("/")) {
        problems.add("'" + name + "': expected a plain resource name, but it contains a path");
        continue;
      }
      BpmnTransformer.Result result = transformer.transform(name, resource.content());
      result.problems().forEach(p -> problems.add("'" + name + "': " + p));
      for (ExecutableProcess process : result.processes()) {
        if (!processIds.add(process.bpmnProcessId())) {
          problems.add("'" + name + "': duplicated process id '" + process.bpmnProcessId()
              + "' in this deployment; expected each process id once");
        }
      }
      parsed.add(new Parsed(name, resource.content(), result.processes()));
    }
    if (!problems.isEmpty()) {
      throw Rejections.invalidArgument(Intent.Deployment.CREATE,
          "Expected to deploy new resources, but encountered the following errors:\n%s", String.join("\n", problems));
    }
    long deploymentKey = ctx.state().keys().nextKey();
    List<DeploymentRecord.ProcessMetadata> metadata = new ArrayList<>();
    List<DeployedProcess> deployed = new ArrayList<>();
    for (Parsed resource : parsed) {
      String checksum = checksum(resource.content());
      String xml = new String(resource.content(), StandardCharsets.UTF_8);
      for (ExecutableProcess process : resource.processes()) {
        cn.relief.engine.state.DeployedProcess latest = ctx.state().processes().latest(process.bpmnProcessId());
        if (latest != null && latest.record().checksum().equals(checksum)) {
          metadata.add(new DeploymentRecord.ProcessMetadata(process.bpmnProcessId(), latest.record().version(),
              latest.key(), latest.record().resourceName(), checksum, true));
          deployed.add(new DeployedProcess(process.bpmnProcessId(), latest.record().version(), latest.key(),
              latest.record().resourceName(), tenantId));
          continue;
        }
        int version = latest == null ? 1 : latest.record().version() + 1;
        long key = ctx.state().keys().nextKey();
        ctx.writer().appendEvent(key, ValueType.PROCESS, Intent.Process.CREATED,
            new ProcessRecord(process.bpmnProcessId(), version, resource.name(), xml, checksum, deploymentKey, tenantId));
        metadata.add(new DeploymentRecord.ProcessMetadata(process.bpmnProcessId(), version, key, resource.name(), checksum, false));
        deployed.add(new DeployedProcess(process.bpmnProcessId(), version, key, resource.name(), tenantId));
      }
    }
    ctx.writer().appendEvent(deploymentKey, ValueType.DEPLOYMENT, Intent.Deployment.CREATED,
        new DeploymentRecord(tenantId, metadata));
    return new DeploymentInfo(deploymentKey, tenantId, deployed);
  }

  private record Parsed(String name, byte[] content, List<ExecutableProcess> processes) {}

  private static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.DeployResource;
import cn.relief.engine.api.EngineApi.DeployedDecision;
import cn.relief.engine.api.EngineApi.DeployedDecisionRequirements;
import cn.relief.engine.api.EngineApi.DeployedForm;
import cn.relief.engine.api.EngineApi.DeployedProcess;
import cn.relief.engine.api.EngineApi.DeploymentInfo;
import cn.relief.engine.bpmn.BindingType;
import cn.relief.engine.bpmn.BpmnTransformer;
import cn.relief.engine.bpmn.UserTaskDefinition;
import cn.relief.engine.bpmn.ExecutableProcess;
import cn.relief.engine.dmn.DmnTransformer;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.processing.Rejections;
import cn.relief.engine.record.DeploymentRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ProcessRecord;
import cn.relief.engine.record.ValueType;
import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Validates and versions BPMN, DMN and form resources (DMN with {@link DecisionDeployment}, forms
 * with {@link FormDeployment}); a deployment is all or nothing. A process whose resource is
 * byte-for-byte the one of its latest version, under the same resource name, is not versioned
 * again: the existing version is returned, as Zeebe does.
 */
public final class DeploymentProcessor {
  private static final Pattern XML_DECLARED_ENCODING =
      Pattern.compile("^(<\\?xml[^>]*?\\bencoding\\s*=\\s*)([\"'])[^\"']*\\2");

  private final BpmnTransformer transformer;
  private final StartEventSubscriptions startEvents;
  private final DecisionDeployment decisions;
  private final FormDeployment forms = new FormDeployment();

  public DeploymentProcessor(BpmnTransformer transformer, DmnTransformer dmnTransformer,
      StartEventSubscriptions startEvents) {
    this.transformer = transformer;
    this.decisions = new DecisionDeployment(dmnTransformer);
    this.startEvents = startEvents;
  }

  /**
   * A user task that binds its form to "deployment" needs the form in this very deployment, as in
   * Zeebe: otherwise every task it creates would end in an incident.
   */
  private static void requireFormsOfDeployment(List<Parsed> parsed, Set<String> formIds, List<Problem> problems) {
    for (Parsed resource : parsed) {
      for (ExecutableProcess process : resource.processes()) {
        for (var node : process.nodes().values()) {
          UserTaskDefinition task = node.userTask();
          if (task != null && task.formId() != null && task.formBinding() == BindingType.DEPLOYMENT
              && !formIds.contains(task.formId())) {
            problems.add(new Problem(resource.name(), node.id(), "'" + resource.name() + "': user task '" + node.id()
                + "' expected to find form with id '" + task.formId() + "' in the same deployment (binding type "
                + "'deployment'), but it is not; deploy the form together with the process"));
          }
        }
      }
    }
  }

  /**
   * One problem that keeps a deployment out: the resource, the element it is about when known
   * ({@code null} otherwise) and the message as the deployment's rejection lists it.
   */
  public record Problem(String resourceName, String elementId, String message) {}

  /**
   * A dry run: the problems {@link #deploy} would reject these resources for, checked against the
   * state as it is, with nothing written. Empty when they would deploy.
   */
  public List<Problem> validate(CommandContext ctx, List<DeployResource> resources) {
    if (resources == null || resources.isEmpty()) {
      return List.of(new Problem(null, null, "Expected to deploy at least one resource, but none given"));
    }
    return check(ctx, resources).problems();
  }

  /** The parsed resources, or the problems that keep them from being deployed. */
  private record Checked(List<Problem> problems, List<Parsed> processes, List<DecisionDeployment.Parsed> decisions,
      List<FormDeployment.Parsed> forms) {}

  private Checked check(CommandContext ctx, List<DeployResource> resources) {
    List<Problem> located = new ArrayList<>();
    List<Parsed> parsed = new ArrayList<>();
    List<DecisionDeployment.Parsed> dmnParsed = new ArrayList<>();
    Set<String> processIds = new HashSet<>();
    Map<String, String> drgResources = new HashMap<>();
    Map<String, String> decisionResources = new HashMap<>();
    List<FormDeployment.Parsed> formsParsed = new ArrayList<>();
    Map<String, String> formResources = new HashMap<>();
    for (DeployResource resource : resources) {
      String name = resource.name() == null ? "" : resource.name();
      String lower = name.toLowerCase(Locale.ROOT);
      boolean dmn = lower.endsWith(".dmn");
      boolean form = lower.endsWith(".form");
      // the DMN and form checks name no element; their problems come as the rejection words them
      List<String> problems = new ArrayList<>();
      if (!dmn && !form && !lower.endsWith(".bpmn") && !lower.endsWith(".xml")) {
        problems.add("'" + name + "': expected a BPMN resource (.bpmn or .xml), a DMN resource (.dmn) or a form"
            + " (.form), but this kind of resource is not supported yet");
      } else if (name.contains("..") || name.contains("\\") || name.startsWith("/")) {
        problems.add("'" + name + "': expected a plain resource name, but it contains a path");
      } else if (name.chars().anyMatch(Character::isISOControl)) {
        // a NUL cannot be stored in PostgreSQL text: such a name, deployed over gRPC, stopped the
        // history projection for good (COPY refused the row, and every later one waits behind it)
        problems.add("'" + name.replaceAll("\\p{Cntrl}", "?")
            + "': expected a plain resource name, but it contains control characters");
      } else if (form) {
        FormDeployment.Parsed parsedForm = forms.validate(name, resource.content(), problems, formResources);
        if (parsedForm != null) {
          formsParsed.add(parsedForm);
        }
      } else if (dmn) {
        DecisionDeployment.Parsed drg =
            decisions.validate(ctx, name, resource.content(), problems, drgResources, decisionResources);
        if (drg != null) {
          dmnParsed.add(drg);
        }
      } else {
        BpmnTransformer.Result result = transformer.transform(name, resource.content());
        result.located().forEach(p -> located.add(new Problem(name, p.elementId(), "'" + name + "': " + p.message())));
        for (ExecutableProcess process : result.processes()) {
          if (!processIds.add(process.bpmnProcessId())) {
            located.add(new Problem(name, process.bpmnProcessId(), "'" + name + "': duplicated process id '"
                + process.bpmnProcessId() + "' in this deployment; expected each process id once"));
          }
        }
        parsed.add(new Parsed(name, resource.content(), result.processes()));
      }
      problems.forEach(p -> located.add(new Problem(name, null, p)));
    }
    requireFormsOfDeployment(parsed, formResources.keySet(), located);
    return new Checked(located, parsed, dmnParsed, formsParsed);
  }

  public DeploymentInfo deploy(CommandContext ctx, List<DeployResource> resources, String tenantId) {
    if (resources == null || resources.isEmpty()) {
      throw Rejections.invalidArgument(Intent.Deployment.CREATE, "Expected to deploy at least one resource, but none given");
    }
    Checked checked = check(ctx, resources);
    if (!checked.problems().isEmpty()) {
      throw Rejections.invalidArgument(Intent.Deployment.CREATE,
          "Expected to deploy new resources, but encountered the following errors:\n%s",
          String.join("\n", checked.problems().stream().map(Problem::message).toList()));
    }
    List<Parsed> parsed = checked.processes();
    List<DecisionDeployment.Parsed> dmnParsed = checked.decisions();
    List<FormDeployment.Parsed> formsParsed = checked.forms();
    long deploymentKey = ctx.state().keys().nextKey();
    // decisions first: a process of the same deployment may refer to them
    List<DeploymentRecord.DecisionRequirementsMetadata> drgMetadata = new ArrayList<>();
    List<DeploymentRecord.DecisionMetadata> decisionMetadata = new ArrayList<>();
    List<DeployedDecisionRequirements> deployedDrgs = new ArrayList<>();
    List<DeployedDecision> deployedDecisions = new ArrayList<>();
    for (DecisionDeployment.Parsed drg : dmnParsed) {
      decisions.write(ctx, drg, deploymentKey, tenantId, drgMetadata, decisionMetadata, deployedDrgs, deployedDecisions);
    }
    // forms before processes too: a user task of the same deployment may link one
    List<DeploymentRecord.FormMetadata> formMetadata = new ArrayList<>();
    List<DeployedForm> deployedForms = new ArrayList<>();
    for (FormDeployment.Parsed form : formsParsed) {
      forms.write(ctx, form, deploymentKey, tenantId, formMetadata, deployedForms);
    }
    List<DeploymentRecord.ProcessMetadata> metadata = new ArrayList<>();
    List<DeployedProcess> deployed = new ArrayList<>();
    for (Parsed resource : parsed) {
      String checksum = checksum(resource.content());
      String xml = decode(resource.content());
      for (ExecutableProcess process : resource.processes()) {
        cn.relief.engine.state.DeployedProcess latest = ctx.state().processes().latest(process.bpmnProcessId());
        // as in Zeebe, only the same content under the same resource name is the same version
        if (latest != null && latest.record().checksum().equals(checksum)
            && latest.record().resourceName().equals(resource.name())) {
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
        startEvents.onNewVersion(ctx, latest, ctx.state().processes().byKey(key));
        metadata.add(new DeploymentRecord.ProcessMetadata(process.bpmnProcessId(), version, key, resource.name(), checksum, false));
        deployed.add(new DeployedProcess(process.bpmnProcessId(), version, key, resource.name(), tenantId));
      }
    }
    ctx.writer().appendEvent(deploymentKey, ValueType.DEPLOYMENT, Intent.Deployment.CREATED,
        new DeploymentRecord(tenantId, metadata, drgMetadata, decisionMetadata, formMetadata));
    return new DeploymentInfo(deploymentKey, tenantId, deployed, deployedDecisions, deployedDrgs, deployedForms);
  }

  private record Parsed(String name, byte[] content, List<ExecutableProcess> processes) {}

  /**
   * The resource as text, read in the encoding the document declares (the parser accepted it so).
   * The log keeps the text and the state re-reads it as UTF-8, so a declaration of another
   * encoding is rewritten to UTF-8; otherwise e.g. a GBK model would come back garbled.
   */
  static String decode(byte[] content) {
    Charset charset = StandardCharsets.UTF_8;
    try {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(content));
      String encoding = reader.getEncoding();
      reader.close();
      if (encoding != null) {
        charset = Charset.forName(encoding);
      }
    } catch (XMLStreamException | IllegalArgumentException e) {
      // the document was parsed before; if its encoding cannot be told, UTF-8 is the XML default
    }
    String xml = new String(content, charset);
    if (xml.startsWith("\uFEFF")) {
      xml = xml.substring(1);
    }
    return charset.equals(StandardCharsets.UTF_8)
        ? xml
        : XML_DECLARED_ENCODING.matcher(xml).replaceFirst("$1$2UTF-8$2");
  }

  static String checksum(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}

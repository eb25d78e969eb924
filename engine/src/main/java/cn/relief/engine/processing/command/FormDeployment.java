package cn.relief.engine.processing.command;

import cn.relief.engine.api.EngineApi.DeployedForm;
import cn.relief.engine.form.FormSchema;
import cn.relief.engine.form.FormSchemaException;
import cn.relief.engine.processing.CommandContext;
import cn.relief.engine.record.DeploymentRecord.FormMetadata;
import cn.relief.engine.record.FormRecord;
import cn.relief.engine.record.Intent;
import cn.relief.engine.record.ValueType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The form part of a deployment: a {@code .form} resource is a form-js schema with an id, versioned
 * per id like processes (the same content under the same resource name is the same version).
 */
final class FormDeployment {

  /** A readable form resource, ready to be written. */
  record Parsed(String name, byte[] content, FormSchema schema) {}

  /** Reads one resource; adds a problem (prefixed with the resource name) if it is not a form. */
  Parsed validate(String name, byte[] content, List<String> problems, Map<String, String> formResources) {
    FormSchema schema;
    try {
      schema = FormSchema.parse(content);
    } catch (FormSchemaException e) {
      problems.add("'" + name + "': " + e.getMessage());
      return null;
    }
    String earlier = formResources.putIfAbsent(schema.id(), name);
    if (earlier != null) {
      problems.add("'" + name + "': expected the form ids to be unique within a deployment, but '" + schema.id()
          + "' is also in '" + earlier + "'");
    }
    return new Parsed(name, content, schema);
  }

  /** Writes the form (unless unchanged) and collects what was deployed. */
  void write(CommandContext ctx, Parsed resource, long deploymentKey, String tenantId, List<FormMetadata> metadata,
      List<DeployedForm> deployed) {
    String formId = resource.schema().id();
    String checksum = DeploymentProcessor.checksum(resource.content());
    cn.relief.engine.state.DeployedForm latest = ctx.state().forms().latest(formId);
    boolean duplicate = latest != null && latest.record().checksum().equals(checksum)
        && latest.record().resourceName().equals(resource.name());
    long key;
    int version;
    if (duplicate) {
      key = latest.key();
      version = latest.record().version();
    } else {
      key = ctx.state().keys().nextKey();
      version = latest == null ? 1 : latest.record().version() + 1;
      ctx.writer().appendEvent(key, ValueType.FORM, Intent.Form.CREATED, new FormRecord(formId, version,
          resource.schema().versionTag(), resource.name(), new String(resource.content(), StandardCharsets.UTF_8),
          checksum, deploymentKey, tenantId));
    }
    metadata.add(new FormMetadata(formId, version, key, resource.name(), checksum, duplicate));
    deployed.add(new DeployedForm(formId, version, key, resource.name(), tenantId));
  }
}

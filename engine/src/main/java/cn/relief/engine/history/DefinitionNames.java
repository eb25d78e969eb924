package cn.relief.engine.history;

import cn.relief.engine.record.ProcessRecord;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * What the history rows show besides the event itself: process and element names and version tags
 * from the deployed XML, and the root instance of each running instance. Kept in memory; after a
 * restart read back from the history tables on first use.
 */
final class DefinitionNames {
  /** A deployed process's display data, and the form its none start event links (or null). */
  record Definition(String name, String versionTag, Map<String, String> elementNames, StartForm startForm) {}

  /** A start form link as modelled: the form id, the binding (latest, deployment, versionTag) and the tag. */
  record StartForm(String formId, String binding, String versionTag) {}

  private static final Definition UNKNOWN = new Definition(null, null, Map.of(), null);

  private final DataSource dataSource;
  private final Map<Long, Definition> definitions = new HashMap<>();
  private final Map<Long, Long> roots = new HashMap<>();

  DefinitionNames(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  Definition remember(long processDefinitionKey, ProcessRecord process) {
    Definition definition = parse(process.bpmnProcessId(), process.resource());
    definitions.put(processDefinitionKey, definition);
    return definition;
  }

  Definition of(long processDefinitionKey) {
    return definitions.computeIfAbsent(processDefinitionKey, this::load);
  }

  String elementName(long processDefinitionKey, String elementId) {
    return of(processDefinitionKey).elementNames().get(elementId);
  }

  /** The root instance of a new instance: itself, or its parent's root. */
  long rootOf(long processInstanceKey, long parentProcessInstanceKey) {
    long root = processInstanceKey;
    if (parentProcessInstanceKey > 0) {
      Long parentRoot = roots.get(parentProcessInstanceKey);
      root = parentRoot != null ? parentRoot : loadRoot(parentProcessInstanceKey);
    }
    roots.put(processInstanceKey, root);
    return root;
  }

  void forgetInstance(long processInstanceKey) {
    roots.remove(processInstanceKey);
  }

  private Definition load(long processDefinitionKey) {
    String sql = "SELECT bpmn_process_id, bpmn_xml FROM history_process_definition WHERE process_definition_key = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, processDefinitionKey);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? parse(rows.getString(1), rows.getString(2)) : UNKNOWN;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read a process definition from the history", e);
    }
  }

  private long loadRoot(long processInstanceKey) {
    String sql = "SELECT root_process_instance_key FROM history_process_instance WHERE process_instance_key = ?";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setLong(1, processInstanceKey);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getLong(1) : processInstanceKey;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not read a process instance from the history", e);
    }
  }

  /** The form of the process's own none start event (not an event sub-process's), if it links one by id. */
  private static StartForm startForm(Process process) {
    for (StartEvent start : process.getChildElementsByType(StartEvent.class)) {
      ZeebeFormDefinition form = start.getSingleExtensionElement(ZeebeFormDefinition.class);
      if (start.getEventDefinitions().isEmpty() && form != null && form.getFormId() != null
          && !form.getFormId().isBlank()) {
        ZeebeBindingType binding = form.getBindingType() == null ? ZeebeBindingType.latest : form.getBindingType();
        return new StartForm(form.getFormId().trim(), binding.name(), form.getVersionTag());
      }
    }
    return null;
  }

  /** The XML was validated (without DOCTYPE) when it was deployed; here only names are read. */
  private static Definition parse(String bpmnProcessId, String xml) {
    try {
      BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
      Map<String, String> names = new HashMap<>();
      for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
        if (element.getName() != null) {
          names.put(element.getId(), element.getName());
        }
      }
      Process process = model.getModelElementById(bpmnProcessId);
      String versionTag = null;
      StartForm startForm = null;
      if (process != null) {
        ZeebeVersionTag tag = process.getSingleExtensionElement(ZeebeVersionTag.class);
        versionTag = tag == null ? null : tag.getValue();
        startForm = startForm(process);
      }
      return new Definition(process == null ? null : process.getName(), versionTag, Map.copyOf(names), startForm);
    } catch (RuntimeException e) {
      return UNKNOWN;
    }
  }
}

package cn.relief.engine.dmn;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.ExtensionElements;
import org.camunda.bpm.model.xml.instance.DomElement;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDmn;
import scala.util.Either;

/**
 * Turns a DMN resource into an evaluable decision requirements graph, or explains why it cannot:
 * not XML, not DMN, a decision without id, FEEL that does not parse. FEEL is parsed eagerly so that
 * a broken rule is refused at deployment, not found by the first case that reaches it.
 */
public final class DmnTransformer {
  static final String ZEEBE_NAMESPACE = "http://camunda.org/schema/zeebe/1.0";
  private static final Pattern DOCTYPE = Pattern.compile("<!DOCTYPE|<!ENTITY", Pattern.CASE_INSENSITIVE);

  private final DmnEngine engine = DmnEngines.create();

  /** The outcome: the graph, or the problems found (then the graph is null). */
  public record Result(ExecutableDecisionRequirements requirements, List<String> problems) {
    public boolean isValid() {
      return problems.isEmpty();
    }
  }

  public Result transform(String resourceName, byte[] resource) {
    // The XML parsers underneath would resolve entities; a relief system must never let a model
    // read files or reach hosts, so any document type declaration is refused before parsing. The
    // text check alone would miss a declaration in e.g. UTF-16, hence the prolog scan as well.
    if (DOCTYPE.matcher(new String(resource, StandardCharsets.UTF_8)).find() || declaresDoctype(resource)) {
      return invalid("Expected a DMN document without a DOCTYPE declaration or entities, but '"
          + resourceName + "' declares one (external entities are not allowed)");
    }
    DmnModelInstance model;
    try {
      model = Dmn.readModelFromStream(new ByteArrayInputStream(resource));
    } catch (RuntimeException e) {
      return invalid("Expected a valid DMN document in '" + resourceName + "', but it could not be parsed: "
          + rootMessage(e));
    }
    Definitions definitions = model.getDefinitions();
    List<String> problems = new ArrayList<>();
    if (definitions == null || isBlank(definitions.getId())) {
      problems.add("Expected the definitions of '" + resourceName
          + "' to have an id (the decision requirements id), but it has none");
    }
    List<ExecutableDecision> decisions = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (Decision decision : model.getModelElementsByType(Decision.class)) {
      if (isBlank(decision.getId())) {
        problems.add("Expected every decision to have an id, but the decision '" + decision.getName()
            + "' has none");
        continue;
      }
      if (!ids.add(decision.getId())) {
        problems.add("Expected decision ids to be unique, but '" + decision.getId() + "' occurs more than once");
      }
      decisions.add(new ExecutableDecision(decision.getId(), decision.getName(), versionTag(decision)));
    }
    if (decisions.isEmpty() && problems.isEmpty()) {
      problems.add("Expected at least one decision in '" + resourceName + "', but found none");
    }
    if (!problems.isEmpty()) {
      return new Result(null, problems);
    }
    Either<DmnEngine.Failure, ParsedDmn> parsed = engine.parse(new ByteArrayInputStream(resource));
    if (parsed.isLeft()) {
      return invalid("Expected a valid DMN document in '" + resourceName + "', but "
          + parsed.left().toOption().get().message());
    }
    String name = isBlank(definitions.getName()) ? definitions.getId() : definitions.getName();
    return new Result(
        new ExecutableDecisionRequirements(definitions.getId(), name, List.copyOf(decisions), parsed.toOption().get()),
        List.of());
  }

  /** The value of {@code <zeebe:versionTag value="..."/>} among the decision's extension elements. */
  private static String versionTag(Decision decision) {
    ExtensionElements extensions = decision.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    for (DomElement element : extensions.getDomElement().getChildElements()) {
      if ("versionTag".equals(element.getLocalName()) && ZEEBE_NAMESPACE.equals(element.getNamespaceURI())) {
        String value = element.getAttribute("value");
        return value == null || value.isBlank() ? null : value;
      }
    }
    return null;
  }

  /** Reads the prolog with DTD support off; reports whether it holds a document type declaration. */
  private static boolean declaresDoctype(byte[] resource) {
    try {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(resource));
      try {
        while (reader.hasNext()) {
          int event = reader.next();
          if (event == XMLStreamConstants.DTD) {
            return true;
          }
          if (event == XMLStreamConstants.START_ELEMENT) {
            return false;
          }
        }
      } finally {
        reader.close();
      }
    } catch (XMLStreamException e) {
      // not well-formed: the model parser reports that with its own message
    }
    return false;
  }

  private static Result invalid(String problem) {
    return new Result(null, List.of(problem));
  }

  private static boolean isBlank(String value) {
    return value == null || value.isBlank();
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    // SAX prefixes its messages with the parser's bookkeeping; the line number is what helps
    return message.replaceFirst("^Error: URI=null ", "");
  }
}

package cn.relief.app.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The differences between two versions of a BPMN model, element by element id: what was added,
 * removed, or changed (name, type, attributes, extension elements such as job types, forms and
 * mappings, and where a sequence flow goes). Only the semantic part counts; the diagram (BPMNDI)
 * is left out, so moving a shape is no change.
 */
final class ProcessDiff {
  private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

  private ProcessDiff() {}

  enum Change { ADDED, REMOVED, CHANGED }

  /** One element that differs; {@code details} says what changed (for CHANGED). */
  record ElementChange(String elementId, Change change, String type, String name, List<String> details) {}

  /** What an element is, in comparable form. */
  record Described(String id, String type, String name, Map<String, String> attributes, String extensions) {}

  static List<ElementChange> between(String fromXml, String toXml) {
    Map<String, Described> from = elements(SafeXml.parse(fromXml));
    Map<String, Described> to = elements(SafeXml.parse(toXml));
    List<ElementChange> changes = new ArrayList<>();
    for (Described before : from.values()) {
      Described after = to.get(before.id());
      if (after == null) {
        changes.add(new ElementChange(before.id(), Change.REMOVED, before.type(), before.name(), List.of()));
      } else {
        List<String> details = details(before, after);
        if (!details.isEmpty()) {
          changes.add(new ElementChange(after.id(), Change.CHANGED, after.type(), after.name(), details));
        }
      }
    }
    for (Described after : to.values()) {
      if (!from.containsKey(after.id())) {
        changes.add(new ElementChange(after.id(), Change.ADDED, after.type(), after.name(), List.of()));
      }
    }
    return changes;
  }

  private static List<String> details(Described before, Described after) {
    List<String> details = new ArrayList<>();
    if (!before.type().equals(after.type())) {
      details.add("type: " + before.type() + " → " + after.type());
    }
    if (!Objects.equals(before.name(), after.name())) {
      details.add("name: " + show(before.name()) + " → " + show(after.name()));
    }
    TreeMap<String, String> keys = new TreeMap<>(before.attributes());
    keys.putAll(after.attributes());
    for (String key : keys.keySet()) {
      String was = before.attributes().get(key);
      String is = after.attributes().get(key);
      if (!Objects.equals(was, is)) {
        details.add(key + ": " + show(was) + " → " + show(is));
      }
    }
    if (!before.extensions().equals(after.extensions())) {
      details.add("extensionElements: " + show(before.extensions()) + " → " + show(after.extensions()));
    }
    return details;
  }

  private static String show(String value) {
    return value == null || value.isEmpty() ? "—" : value;
  }

  /** Every BPMN element with an id inside the processes (flow nodes, flows, event definitions...). */
  static Map<String, Described> elements(Document document) {
    Map<String, Described> elements = new LinkedHashMap<>();
    NodeList processes = document.getElementsByTagNameNS(BPMN, "process");
    for (int i = 0; i < processes.getLength(); i++) {
      collect((org.w3c.dom.Element) processes.item(i), elements);
    }
    return elements;
  }

  private static void collect(org.w3c.dom.Element parent, Map<String, Described> elements) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (!(child instanceof org.w3c.dom.Element element) || !BPMN.equals(element.getNamespaceURI())
          || element.getLocalName().equals("extensionElements")) {
        continue;
      }
      String id = element.getAttribute("id");
      if (!id.isEmpty()) {
        elements.put(id, describe(element));
      }
      collect(element, elements);
    }
  }

  private static Described describe(org.w3c.dom.Element element) {
    Map<String, String> attributes = new TreeMap<>();
    NamedNodeMap all = element.getAttributes();
    for (int i = 0; i < all.getLength(); i++) {
      Attr attribute = (Attr) all.item(i);
      String name = attribute.getName();
      if (!name.equals("id") && !name.equals("name") && !name.startsWith("xmlns")) {
        attributes.put(name, attribute.getValue());
      }
    }
    // the text of expressions and conditions (conditionExpression, timeDuration, ...) counts as an attribute
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element expression && expression.getAttribute("id").isEmpty()
          && !expression.getLocalName().equals("extensionElements") && !expression.getLocalName().equals("incoming")
          && !expression.getLocalName().equals("outgoing") && !expression.getTextContent().isBlank()) {
        attributes.put(expression.getLocalName(), expression.getTextContent().trim());
      }
    }
    StringBuilder extensions = new StringBuilder();
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element ext && ext.getLocalName().equals("extensionElements")) {
        canonical(ext, extensions);
      }
    }
    String name = element.hasAttribute("name") ? element.getAttribute("name") : null;
    return new Described(element.getAttribute("id"), element.getLocalName(), name, attributes, extensions.toString());
  }

  /** A compact, whitespace-insensitive form of the extension elements: {@code taskDefinition[type=x]}. */
  private static void canonical(org.w3c.dom.Element parent, StringBuilder out) {
    for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element element) {
        out.append(out.isEmpty() || out.charAt(out.length() - 1) == '(' ? "" : " ").append(element.getLocalName());
        TreeMap<String, String> attributes = new TreeMap<>();
        NamedNodeMap all = element.getAttributes();
        for (int i = 0; i < all.getLength(); i++) {
          if (!all.item(i).getNodeName().startsWith("xmlns")) {
            attributes.put(all.item(i).getNodeName(), all.item(i).getNodeValue());
          }
        }
        if (!attributes.isEmpty()) {
          out.append(attributes.toString().replace('{', '[').replace('}', ']'));
        }
        if (hasElementChildren(element)) {
          out.append('(');
          canonical(element, out);
          out.append(')');
        } else if (!element.getTextContent().isBlank()) {
          out.append('=').append(element.getTextContent().trim());
        }
      }
    }
  }

  private static boolean hasElementChildren(org.w3c.dom.Element element) {
    for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
      if (child instanceof org.w3c.dom.Element) {
        return true;
      }
    }
    return false;
  }
}

package cn.relief.engine.bpmn;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The problems found in a resource, each naming the element it is about. */
final class Problems {
  private final List<String> messages = new ArrayList<>();
  private final List<BpmnTransformer.Problem> located = new ArrayList<>();

  void add(BaseElement element, String message) {
    addAt(element.getId(), ref(element) + ": " + message);
  }

  void add(String message) {
    addAt(null, message);
  }

  /** A problem about the element {@code elementId} (null: about the whole resource). */
  void addAt(String elementId, String message) {
    messages.add(message);
    located.add(new BpmnTransformer.Problem(elementId, message));
  }

  List<String> list() {
    return messages;
  }

  List<BpmnTransformer.Problem> located() {
    return located;
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  static String ref(BaseElement element) {
    return "Element '" + element.getId() + "' (" + element.getElementType().getTypeName().toLowerCase(Locale.ROOT) + ")";
  }
}

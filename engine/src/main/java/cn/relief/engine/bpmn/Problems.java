package cn.relief.engine.bpmn;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The problems found in a resource, each naming the element it is about. */
final class Problems {
  private final List<String> messages = new ArrayList<>();

  void add(BaseElement element, String message) {
    messages.add(ref(element) + ": " + message);
  }

  void add(String message) {
    messages.add(message);
  }

  List<String> list() {
    return messages;
  }

  boolean isEmpty() {
    return messages.isEmpty();
  }

  static String ref(BaseElement element) {
    return "Element '" + element.getId() + "' (" + element.getElementType().getTypeName().toLowerCase(Locale.ROOT) + ")";
  }
}

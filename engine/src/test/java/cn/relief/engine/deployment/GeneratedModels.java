package cn.relief.engine.deployment;

import java.util.Random;

/**
 * Small BPMN, DMN and form documents written as text, shaped to reach corners that the relief
 * models do not: deeply nested sub-processes and groups, random flow graphs with cycles, self
 * references and dangling references, elements of every kind the deployer may meet.
 */
public final class GeneratedModels {
  private static final String BPMN_HEAD = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
      + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\""
      + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"defs\""
      + " targetNamespace=\"http://relief.cn/fuzz\">";
  private static final String[] NODE_KINDS = {
      "task", "serviceTask", "userTask", "scriptTask", "businessRuleTask", "callActivity", "exclusiveGateway",
      "parallelGateway", "inclusiveGateway", "eventBasedGateway", "intermediateCatchEvent", "intermediateThrowEvent",
      "subProcess", "endEvent", "startEvent", "receiveTask", "sendTask", "manualTask", "complexGateway",
      "boundaryEvent", "transaction", "adHocSubProcess",
  };

  private GeneratedModels() {}

  /** A process whose start leads into {@code depth} sub-processes nested in each other. */
  public static String nestedSubProcesses(String processId, int depth) {
    StringBuilder xml = new StringBuilder(BPMN_HEAD).append("<bpmn:process id=\"").append(processId)
        .append("\" isExecutable=\"true\">");
    for (int level = 0; level < depth; level++) {
      xml.append("<bpmn:startEvent id=\"s").append(level).append("\"/>")
          .append("<bpmn:sequenceFlow id=\"in").append(level).append("\" sourceRef=\"s").append(level)
          .append("\" targetRef=\"sub").append(level).append("\"/>")
          .append("<bpmn:sequenceFlow id=\"out").append(level).append("\" sourceRef=\"sub").append(level)
          .append("\" targetRef=\"e").append(level).append("\"/>")
          .append("<bpmn:endEvent id=\"e").append(level).append("\"/>")
          .append("<bpmn:subProcess id=\"sub").append(level).append("\">");
    }
    xml.append("<bpmn:startEvent id=\"inner\"/>");
    xml.append("</bpmn:subProcess>".repeat(depth));
    return xml.append("</bpmn:process></bpmn:definitions>").toString();
  }

  /**
   * A process of {@code nodes} elements of random kinds joined by random sequence flows (cycles,
   * self loops, several starts or none), some with conditions, job types, timers, messages and
   * references that may point to nothing.
   */
  public static String randomGraph(String processId, int nodes, long seed) {
    Random random = new Random(seed);
    StringBuilder xml = new StringBuilder(BPMN_HEAD);
    xml.append("<bpmn:message id=\"m\" name=\"m\"><bpmn:extensionElements><zeebe:subscription correlationKey=\"=k\"/>"
        + "</bpmn:extensionElements></bpmn:message><bpmn:error id=\"err\" errorCode=\"E\"/>");
    xml.append("<bpmn:process id=\"").append(processId).append("\" isExecutable=\"true\">");
    xml.append("<bpmn:startEvent id=\"n0\"/>");
    for (int i = 1; i < nodes; i++) {
      String kind = NODE_KINDS[random.nextInt(NODE_KINDS.length)];
      xml.append("<bpmn:").append(kind).append(" id=\"n").append(i).append('"');
      if (kind.equals("boundaryEvent")) {
        xml.append(" attachedToRef=\"n").append(random.nextInt(nodes + 2)).append('"');
      }
      if (kind.endsWith("Gateway") && random.nextBoolean()) {
        xml.append(" default=\"f").append(random.nextInt(nodes * 2)).append('"');
      }
      xml.append('>');
      xml.append(extensions(kind, random, nodes));
      xml.append(eventDefinition(kind, random));
      if (kind.equals("subProcess") && random.nextBoolean()) {
        xml.append("<bpmn:startEvent id=\"n").append(i).append("s\"/><bpmn:sequenceFlow id=\"n").append(i)
            .append("f\" sourceRef=\"n").append(i).append("s\" targetRef=\"n").append(random.nextInt(nodes + 1))
            .append("\"/>");
      }
      xml.append("</bpmn:").append(kind).append('>');
    }
    int flows = random.nextInt(nodes * 2 + 1);
    for (int f = 0; f < flows; f++) {
      int source = random.nextInt(nodes + 1);
      int target = random.nextInt(nodes + 1);
      xml.append("<bpmn:sequenceFlow id=\"f").append(f).append("\" sourceRef=\"n").append(source)
          .append("\" targetRef=\"n").append(target).append("\">");
      if (random.nextInt(3) == 0) {
        xml.append("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">")
            .append(random.nextBoolean() ? "=x &gt; " + random.nextInt(10) : "x").append("</bpmn:conditionExpression>");
      }
      xml.append("</bpmn:sequenceFlow>");
    }
    return xml.append("</bpmn:process></bpmn:definitions>").toString();
  }

  private static String extensions(String kind, Random random, int nodes) {
    return switch (kind) {
      case "serviceTask", "sendTask", "scriptTask" -> random.nextInt(4) == 0 ? "" : "<bpmn:extensionElements>"
          + "<zeebe:taskDefinition type=\"" + (random.nextBoolean() ? "work" : "=\"w\" + x") + "\" retries=\""
          + (random.nextBoolean() ? "3" : "=-1") + "\"/>"
          + (random.nextBoolean() ? "<zeebe:ioMapping><zeebe:input source=\"=a.b\" target=\"c\"/>"
              + "<zeebe:output source=\"=c\" target=\"d.e\"/></zeebe:ioMapping>" : "")
          + "</bpmn:extensionElements>";
      case "userTask" -> "<bpmn:extensionElements><zeebe:userTask/>"
          + (random.nextBoolean() ? "<zeebe:formDefinition formId=\"f" + random.nextInt(3) + "\"/>" : "")
          + (random.nextBoolean() ? "<zeebe:assignmentDefinition assignee=\"=x\" candidateGroups=\"a,b\"/>" : "")
          + "</bpmn:extensionElements>";
      case "callActivity" -> "<bpmn:extensionElements><zeebe:calledElement processId=\""
          + (random.nextBoolean() ? "fuzz" : "=\"p\" + string(x)") + "\"/></bpmn:extensionElements>";
      case "businessRuleTask" -> "<bpmn:extensionElements><zeebe:calledDecision decisionId=\"d"
          + random.nextInt(nodes) + "\" resultVariable=\"r\"/></bpmn:extensionElements>";
      default -> "";
    };
  }

  private static String eventDefinition(String kind, Random random) {
    if (!kind.endsWith("Event") || random.nextInt(3) == 0) {
      return "";
    }
    return switch (random.nextInt(7)) {
      case 0 -> "<bpmn:timerEventDefinition><bpmn:timeDuration>" + (random.nextBoolean() ? "PT1S" : "=x")
          + "</bpmn:timeDuration></bpmn:timerEventDefinition>";
      case 1 -> "<bpmn:timerEventDefinition><bpmn:timeCycle>R" + random.nextInt(5) + "/PT1M</bpmn:timeCycle>"
          + "</bpmn:timerEventDefinition>";
      case 2 -> "<bpmn:messageEventDefinition messageRef=\"" + (random.nextBoolean() ? "m" : "none") + "\"/>";
      case 3 -> "<bpmn:errorEventDefinition errorRef=\"err\"/>";
      case 4 -> "<bpmn:signalEventDefinition/>";
      case 5 -> "<bpmn:linkEventDefinition name=\"L" + random.nextInt(2) + "\"/>";
      default -> "<bpmn:terminateEventDefinition/>";
    };
  }

  /** A form whose only field sits in {@code depth} groups nested in each other. */
  public static String nestedForm(String formId, int depth) {
    return "{\"id\": \"" + formId + "\", \"type\": \"default\", \"components\": ["
        + "{\"type\": \"group\", \"path\": \"g\", \"components\": [".repeat(depth)
        + "{\"type\": \"textfield\", \"key\": \"x\", \"validate\": {\"pattern\": \"(a+)+$\"}}"
        + "]}".repeat(depth) + "]}";
  }

  /** A decision table of {@code rules} rules whose entries are random FEEL-like texts. */
  public static String decisionTable(String id, int rules, long seed) {
    Random random = new Random(seed);
    String[] entries = {"-", "> 5", "[1..10]", "\"a\"", "not(\"b\")", "x", "(", "?", "= 1", "date(\"2026-01-01\")",
        "1,2,3", "[", "\"unterminated", "some x in [1] satisfies x > 0", "", "&lt;= 3"};
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\" id=\"" + id + "\" name=\"fuzz\""
        + " namespace=\"http://relief.cn/fuzz\"><decision id=\"" + id + "-decision\" name=\"d\">"
        + "<decisionTable id=\"t\" hitPolicy=\"" + (random.nextBoolean() ? "UNIQUE" : "COLLECT") + "\">"
        + "<input id=\"i\"><inputExpression id=\"ie\" typeRef=\"number\"><text>"
        + entries[random.nextInt(entries.length)] + "</text></inputExpression></input>"
        + "<output id=\"o\" name=\"result\" typeRef=\"string\"/>");
    for (int r = 0; r < rules; r++) {
      xml.append("<rule id=\"r").append(r).append("\"><inputEntry id=\"ie").append(r).append("\"><text>")
          .append(entries[random.nextInt(entries.length)]).append("</text></inputEntry><outputEntry id=\"oe")
          .append(r).append("\"><text>").append(entries[random.nextInt(entries.length)])
          .append("</text></outputEntry></rule>");
    }
    return xml.append("</decisionTable></decision></definitions>").toString();
  }
}

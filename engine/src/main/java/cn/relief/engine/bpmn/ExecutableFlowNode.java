package cn.relief.engine.bpmn;

import cn.relief.engine.feel.Expression;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One executable element of a process after transformation: its kind, flows and the optional
 * parts the processors need (job definition, mappings, event definition, boundary events, loop,
 * called element...). The process itself is a node too, the root flow scope. Immutable once the
 * process is built.
 */
public final class ExecutableFlowNode {
  private final String id;
  private final String name;
  private final BpmnElementType type;
  private BpmnEventType eventType = BpmnEventType.UNSPECIFIED;
  private ExecutableFlowNode flowScope;
  private final List<ExecutableSequenceFlow> incoming = new ArrayList<>();
  private final List<ExecutableSequenceFlow> outgoing = new ArrayList<>();
  private List<Mapping> inputMappings = List.of();
  private List<Mapping> outputMappings = List.of();
  private JobDefinition jobDefinition;
  private UserTaskDefinition userTask;
  private ExecutableSequenceFlow defaultFlow;
  // containers
  private ExecutableFlowNode noneStartEvent;
  private final List<ExecutableFlowNode> eventStartEvents = new ArrayList<>();
  private final List<ExecutableFlowNode> eventSubProcesses = new ArrayList<>();
  private final List<ExecutableFlowNode> childNodes = new ArrayList<>();
  // activities
  private final List<ExecutableFlowNode> boundaryEvents = new ArrayList<>();
  private LoopCharacteristics loop;
  private CalledElement calledElement;
  private CalledDecision calledDecision;
  private ScriptDefinition script;
  private ExecutableFlowNode compensationHandler;
  private boolean forCompensation;
  // events
  private MessageDefinition message;
  private TimerDefinition timer;
  private Expression signalName;
  private Expression errorCode;
  private Expression escalationCode;
  private String linkName;
  private ExecutableFlowNode linkTarget;
  private ExecutableFlowNode attachedTo;
  private boolean interrupting = true;
  // inclusive joins
  private Set<String> reachableFrom = Set.of();

  ExecutableFlowNode(String id, String name, BpmnElementType type) {
    this.id = id;
    this.name = name;
    this.type = type;
  }

  public String id() {
    return id;
  }

  public String name() {
    return name;
  }

  public BpmnElementType type() {
    return type;
  }

  public BpmnEventType eventType() {
    return eventType;
  }

  /** The container the element lies in; null for the process itself. */
  public ExecutableFlowNode flowScope() {
    return flowScope;
  }

  public List<ExecutableSequenceFlow> incoming() {
    return incoming;
  }

  public List<ExecutableSequenceFlow> outgoing() {
    return outgoing;
  }

  public List<Mapping> inputMappings() {
    return inputMappings;
  }

  public List<Mapping> outputMappings() {
    return outputMappings;
  }

  /** The job workers do for this element, or null when the engine does the work itself. */
  public JobDefinition jobDefinition() {
    return jobDefinition;
  }

  /** The Camunda user task of a user task element. */
  public UserTaskDefinition userTask() {
    return userTask;
  }

  public ExecutableSequenceFlow defaultFlow() {
    return defaultFlow;
  }

  public ExecutableFlowNode noneStartEvent() {
    return noneStartEvent;
  }

  /** Start events with a message, timer or signal definition directly in this container. */
  public List<ExecutableFlowNode> eventStartEvents() {
    return eventStartEvents;
  }

  public List<ExecutableFlowNode> eventSubProcesses() {
    return eventSubProcesses;
  }

  /** The elements directly inside this container. */
  public List<ExecutableFlowNode> childNodes() {
    return childNodes;
  }

  public List<ExecutableFlowNode> boundaryEvents() {
    return boundaryEvents;
  }

  public LoopCharacteristics loop() {
    return loop;
  }

  public CalledElement calledElement() {
    return calledElement;
  }

  public CalledDecision calledDecision() {
    return calledDecision;
  }

  public ScriptDefinition script() {
    return script;
  }

  /** The activity a compensation boundary event of this activity runs, or null. */
  public ExecutableFlowNode compensationHandler() {
    return compensationHandler;
  }

  public boolean isForCompensation() {
    return forCompensation;
  }

  public MessageDefinition message() {
    return message;
  }

  public TimerDefinition timer() {
    return timer;
  }

  public Expression signalName() {
    return signalName;
  }

  /** The error code thrown or caught; null on a catch event that catches every error. */
  public Expression errorCode() {
    return errorCode;
  }

  /** The escalation code thrown or caught; null on a catch event that catches every escalation. */
  public Expression escalationCode() {
    return escalationCode;
  }

  public String linkName() {
    return linkName;
  }

  /** For a link throw event: the catch event with the same link name in the same scope. */
  public ExecutableFlowNode linkTarget() {
    return linkTarget;
  }

  /** For a boundary event: the activity it is attached to. */
  public ExecutableFlowNode attachedTo() {
    return attachedTo;
  }

  /** For boundary events and event sub-process start events. */
  public boolean isInterrupting() {
    return interrupting;
  }

  /** For an inclusive join: the ids of the elements from which a token can still reach it. */
  public Set<String> reachableFrom() {
    return reachableFrom;
  }

  /** Whether a token here waits for a message, timer or signal. */
  public boolean isCatchingEvent() {
    return eventType == BpmnEventType.MESSAGE || eventType == BpmnEventType.TIMER || eventType == BpmnEventType.SIGNAL;
  }

  @Override
  public String toString() {
    return type + "[" + id + "]";
  }

  void setEventType(BpmnEventType eventType) {
    this.eventType = eventType;
  }

  void setFlowScope(ExecutableFlowNode flowScope) {
    this.flowScope = flowScope;
  }

  void setMappings(List<Mapping> inputs, List<Mapping> outputs) {
    this.inputMappings = List.copyOf(inputs);
    this.outputMappings = List.copyOf(outputs);
  }

  void setJobDefinition(JobDefinition jobDefinition) {
    this.jobDefinition = jobDefinition;
  }

  void setUserTask(UserTaskDefinition userTask) {
    this.userTask = userTask;
  }

  void setDefaultFlow(ExecutableSequenceFlow defaultFlow) {
    this.defaultFlow = defaultFlow;
  }

  void setNoneStartEvent(ExecutableFlowNode noneStartEvent) {
    this.noneStartEvent = noneStartEvent;
  }

  void setLoop(LoopCharacteristics loop) {
    this.loop = loop;
  }

  void setCalledElement(CalledElement calledElement) {
    this.calledElement = calledElement;
  }

  void setCalledDecision(CalledDecision calledDecision) {
    this.calledDecision = calledDecision;
  }

  void setScript(ScriptDefinition script) {
    this.script = script;
  }

  void setCompensationHandler(ExecutableFlowNode handler) {
    this.compensationHandler = handler;
  }

  void setForCompensation(boolean forCompensation) {
    this.forCompensation = forCompensation;
  }

  void setMessage(MessageDefinition message) {
    this.message = message;
  }

  void setTimer(TimerDefinition timer) {
    this.timer = timer;
  }

  void setSignalName(Expression signalName) {
    this.signalName = signalName;
  }

  void setErrorCode(Expression errorCode) {
    this.errorCode = errorCode;
  }

  void setEscalationCode(Expression escalationCode) {
    this.escalationCode = escalationCode;
  }

  void setLinkName(String linkName) {
    this.linkName = linkName;
  }

  void setLinkTarget(ExecutableFlowNode linkTarget) {
    this.linkTarget = linkTarget;
  }

  void setAttachedTo(ExecutableFlowNode attachedTo) {
    this.attachedTo = attachedTo;
  }

  void setInterrupting(boolean interrupting) {
    this.interrupting = interrupting;
  }

  void setReachableFrom(Set<String> reachableFrom) {
    this.reachableFrom = Set.copyOf(reachableFrom);
  }
}

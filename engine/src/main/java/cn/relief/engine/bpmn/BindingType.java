package cn.relief.engine.bpmn;

/** Which version of a called process or decision is used. */
public enum BindingType {
  /** The latest deployed version. */
  LATEST,
  /** The version deployed together with the calling process. */
  DEPLOYMENT,
  /** The version carrying a given version tag. */
  VERSION_TAG
}

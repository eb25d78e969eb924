package cn.relief.engine.dmn;

import org.camunda.dmn.DmnEngine;

/** dmn-scala configured as Zeebe runs it. */
final class DmnEngines {
  private DmnEngines() {}

  static DmnEngine create() {
    return new DmnEngine.Builder()
        // names such as "loan amount" or "household-size" are usable in expressions, as in Zeebe
        .escapeNamesWithSpaces(true)
        .escapeNamesWithDashes(true)
        // FEEL is parsed at deployment so that a broken expression is refused there
        .lazyEvaluation(false)
        .build();
  }
}

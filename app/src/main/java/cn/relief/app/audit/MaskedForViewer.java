package cn.relief.app.audit;

import cn.relief.app.cases.CaseScope;
import cn.relief.app.cases.PersonalData;
import cn.relief.app.security.EngineUser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Masks the variables of one audit entry for the viewer. An entry carries only what its command
 * sent, so whether the person is a minor (which hides the name too) is judged with the case's own
 * flags, which the entry itself rarely carries.
 */
final class MaskedForViewer implements UnaryOperator<Map<String, Object>> {
  /** What tells PersonalData that the person is a minor. */
  private static final List<String> MINOR_FLAGS = List.of("age", "birthDate", "isMinor", "minorConfidential");

  private final PersonalData personalData;
  private final EngineUser user;
  private final CaseScope scope;
  private final Map<String, Object> caseFlags = new LinkedHashMap<>();

  MaskedForViewer(PersonalData personalData, EngineUser user, CaseScope scope, Map<String, Object> caseVariables) {
    this.personalData = personalData;
    this.user = user;
    this.scope = scope;
    for (String flag : MINOR_FLAGS) {
      if (caseVariables.containsKey(flag)) {
        caseFlags.put(flag, caseVariables.get(flag));
      }
    }
  }

  @Override
  public Map<String, Object> apply(Map<String, Object> values) {
    Map<String, Object> judged = new LinkedHashMap<>(caseFlags);
    judged.putAll(values);
    Map<String, Object> masked = new LinkedHashMap<>(personalData.visibleTo(user, scope, judged));
    masked.keySet().retainAll(values.keySet());
    return masked;
  }
}

package cn.relief.app.keypersons;

import cn.relief.app.security.EngineUser;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The key-person proposals for one case: the case's person (name, ID number, sex, age or birth
 * date, and what the intake and discovery said of them) against the database, leaving out the
 * entries this case already has a decision on. Entries of every station take part: a person with
 * dementia wanders across districts.
 */
@Component
public class CaseMatching {
  private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

  private final KeyPersons keyPersons;

  CaseMatching(KeyPersons keyPersons) {
    this.keyPersons = keyPersons;
  }

  /** Likely matches for the case not yet decided, as the user may see them. */
  public List<ProposalView> proposals(EngineUser user, long caseInstanceKey, Map<String, Object> caseVariables) {
    KeyPersonMatcher.Intake intake = intake(caseVariables);
    Set<Long> decided = Stream.of(KeyPersons.Decision.values())
        .flatMap(decision -> keyPersons.decided(caseInstanceKey, decision).stream()).collect(Collectors.toSet());
    return KeyPersonMatcher.proposals(intake, keyPersons.candidates(intake.idNumber(), intake.name())).stream()
        .filter(proposal -> !decided.contains(proposal.person().id()))
        .map(proposal -> new ProposalView(KeyPersonView.of(user, proposal.person()), proposal.score(), proposal.reasons()))
        .toList();
  }

  /** The key persons confirmed for the case, in full to its staff: they must call the guardian. */
  public List<KeyPersonView> confirmed(EngineUser user, long caseInstanceKey) {
    return keyPersons.decided(caseInstanceKey, KeyPersons.Decision.CONFIRMED).stream()
        .map(keyPersons::byId).flatMap(Optional::stream)
        .map(person -> KeyPersonView.of(user, person, true)).toList();
  }

  /** A proposal as shown: the entry (masked for the user), its score and reasons. */
  public record ProposalView(KeyPersonView view, int score, List<String> reasons) {}

  static KeyPersonMatcher.Intake intake(Map<String, Object> variables) {
    String description = Stream.of("discoveryDescription", "intakeNote", "cause", "description")
        .map(variables::get).filter(value -> value instanceof String).map(String.class::cast)
        .collect(Collectors.joining(" "));
    return new KeyPersonMatcher.Intake(string(variables.get("fullName")), string(variables.get("idNumber")),
        string(variables.get("gender")), birthYear(variables), description);
  }

  private static Integer birthYear(Map<String, Object> variables) {
    Object birthDate = variables.get("birthDate");
    if (birthDate instanceof String text && !text.isBlank()) {
      try {
        return LocalDate.parse(text.length() >= 10 ? text.substring(0, 10) : text).getYear();
      } catch (DateTimeParseException e) {
        // fall back on the age
      }
    }
    if (variables.get("age") instanceof Number age) {
      return LocalDate.now(CHINA).getYear() - age.intValue();
    }
    return null;
  }

  private static String string(Object value) {
    return value instanceof String text && !text.isBlank() ? text : null;
  }
}

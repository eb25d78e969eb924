package cn.relief.app.keypersons;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether a new intake may be a person of the key-persons database. Weighs what the two records
 * share and refuses outright what tells them apart (a different ID number, a different sex, ages
 * more than 10 years apart). A proposal is only a proposal: the caseworker confirms or rejects it.
 *
 * <p>Scores: same ID number 100; same name 40, or the same surname and a name one character away
 * 20; same sex 10; birth years within 5 years 15; each of the entry's distinctive features found
 * in the intake's description 5 (at most 15). Proposed from {@value #PROPOSE_FROM}: an ID number
 * alone, or the name with sex and age, or a near name with sex, age and features.
 */
public final class KeyPersonMatcher {
  static final int PROPOSE_FROM = 50;

  /** What the intake knows of the person (any of it may be missing). */
  public record Intake(String name, String idNumber, String sex, Integer birthYear, String description) {}

  /** A likely match with its score and the reasons (message keys {@code keypersons.reason.*}). */
  public record Proposal(KeyPerson person, int score, List<String> reasons) {}

  private KeyPersonMatcher() {}

  public static List<Proposal> proposals(Intake intake, List<KeyPerson> candidates) {
    return candidates.stream().map(candidate -> score(intake, candidate)).flatMap(Optional::stream)
        .filter(proposal -> proposal.score() >= PROPOSE_FROM)
        .sorted(Comparator.comparingInt(Proposal::score).reversed()).toList();
  }

  static Optional<Proposal> score(Intake intake, KeyPerson person) {
    int score = 0;
    List<String> reasons = new ArrayList<>();
    String idNumber = normalised(intake.idNumber());
    String theirs = normalised(person.idNumber());
    if (idNumber != null && theirs != null) {
      if (!idNumber.equals(theirs)) {
        return Optional.empty();
      }
      score += 100;
      reasons.add("idNumber");
    }
    String name = intake.name() == null ? null : intake.name().strip();
    if (name != null && !name.isEmpty()) {
      if (name.equals(person.name())) {
        score += 40;
        reasons.add("name");
      } else if (oneApart(name, person.name())) {
        score += 20;
        reasons.add("nameSimilar");
      }
    }
    if (intake.sex() != null && person.sex() != null) {
      if (!intake.sex().equalsIgnoreCase(person.sex())) {
        return Optional.empty();
      }
      score += 10;
      reasons.add("sex");
    }
    if (intake.birthYear() != null && person.birthYear() != null) {
      int apart = Math.abs(intake.birthYear() - person.birthYear());
      if (apart > 10) {
        return Optional.empty();
      }
      if (apart <= 5) {
        score += 15;
        reasons.add("age");
      }
    }
    int features = 0;
    if (person.features() != null && intake.description() != null) {
      String description = intake.description().toLowerCase(Locale.ROOT);
      for (String feature : person.features().split("[，,、;；。\\s]+")) {
        if (feature.length() >= 2 && description.contains(feature.toLowerCase(Locale.ROOT))) {
          features += 5;
        }
      }
    }
    if (features > 0) {
      score += Math.min(15, features);
      reasons.add("features");
    }
    return Optional.of(new Proposal(person, score, List.copyOf(reasons)));
  }

  /** Same surname (first character), same length, at most one other character different. */
  static boolean oneApart(String a, String b) {
    if (b == null || a.length() != b.length() || a.length() < 2 || a.charAt(0) != b.charAt(0)) {
      return false;
    }
    int different = 0;
    for (int i = 1; i < a.length(); i++) {
      if (a.charAt(i) != b.charAt(i)) {
        different++;
      }
    }
    return different <= 1;
  }

  private static String normalised(String idNumber) {
    return idNumber == null || idNumber.isBlank() ? null : idNumber.strip().toUpperCase(Locale.ROOT);
  }
}

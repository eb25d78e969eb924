package cn.relief.app.keypersons;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.app.keypersons.KeyPersonMatcher.Intake;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyPersonMatcherTest {
  private static KeyPerson person(long id, String name, String idNumber, String sex, Integer birthYear, String features) {
    return new KeyPerson(id, name, idNumber, sex, birthYear, Risk.DEMENTIA, features, "广州市天河区", "张明", "儿子",
        "13900000000", LocalDate.of(2026, 11, 1), "org-station-tianhe", "wang.head", Instant.EPOCH, 0);
  }

  private static final KeyPerson ZHOU = person(1, "周桂兰", "440106194803120027", "FEMALE", 1948, "左脸有痣、蓝色外套、银手镯");

  @Test
  void theSameIdNumberAloneIsALikelyMatch() {
    var proposals = KeyPersonMatcher.proposals(new Intake(null, " 440106194803120027 ", null, null, null), List.of(ZHOU));
    assertThat(proposals).singleElement().satisfies(p -> {
      assertThat(p.score()).isEqualTo(100);
      assertThat(p.reasons()).containsExactly("idNumber");
    });
  }

  @Test
  void nameSexAndAgeTogetherAreProposedButANameAloneIsNot() {
    assertThat(KeyPersonMatcher.proposals(new Intake("周桂兰", null, "FEMALE", 1950, null), List.of(ZHOU)))
        .singleElement().satisfies(p -> assertThat(p.reasons()).containsExactly("name", "sex", "age"));
    assertThat(KeyPersonMatcher.proposals(new Intake("周桂兰", null, null, null, null), List.of(ZHOU))).isEmpty();
  }

  @Test
  void aNearNameWithSexAgeAndFeaturesIsProposed() {
    // the intake misheard one character; the description names two of her features
    var intake = new Intake("周贵兰", null, "FEMALE", 1947, "老人左脸有痣，穿蓝色外套，说不清住址");
    assertThat(KeyPersonMatcher.proposals(intake, List.of(ZHOU))).singleElement().satisfies(p -> {
      assertThat(p.reasons()).containsExactly("nameSimilar", "sex", "age", "features");
      assertThat(p.score()).isEqualTo(20 + 10 + 15 + 10);
    });
  }

  @Test
  void whatTellsThemApartRulesTheEntryOut() {
    assertThat(KeyPersonMatcher.proposals(new Intake("周桂兰", "440106194803120035", "FEMALE", 1948, null),
        List.of(ZHOU))).as("another ID number").isEmpty();
    assertThat(KeyPersonMatcher.proposals(new Intake("周桂兰", null, "MALE", 1948, null), List.of(ZHOU)))
        .as("a man").isEmpty();
    assertThat(KeyPersonMatcher.proposals(new Intake("周桂兰", null, "FEMALE", 1990, null), List.of(ZHOU)))
        .as("42 years younger").isEmpty();
  }

  @Test
  void theBestMatchComesFirst() {
    KeyPerson namesake = person(2, "周桂兰", null, "FEMALE", 1952, null);
    var proposals = KeyPersonMatcher.proposals(new Intake("周桂兰", "440106194803120027", "FEMALE", 1948, null),
        List.of(namesake, ZHOU));
    assertThat(proposals).extracting(p -> p.person().id()).containsExactly(1L, 2L);
  }

  @Test
  void nearNamesShareTheSurnameAndDifferInOneCharacter() {
    assertThat(KeyPersonMatcher.oneApart("周贵兰", "周桂兰")).isTrue();
    assertThat(KeyPersonMatcher.oneApart("吴桂兰", "周桂兰")).isFalse();
    assertThat(KeyPersonMatcher.oneApart("周贵芳", "周桂兰")).isFalse();
    assertThat(KeyPersonMatcher.oneApart("周兰", "周桂兰")).isFalse();
  }
}

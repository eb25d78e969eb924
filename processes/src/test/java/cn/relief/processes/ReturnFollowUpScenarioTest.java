package cn.relief.processes;

import static org.assertj.core.api.Assertions.assertThat;

import cn.relief.engine.api.EngineApi.ActivatedJob;
import cn.relief.engine.record.Record;
import cn.relief.engine.record.TimerRecord;
import cn.relief.engine.record.ValueType;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 返乡后回访: visits at the intervals, local assistance when needed, repeat vagrancy recorded. */
class ReturnFollowUpScenarioTest extends CentreScenarioTest {
  private static final Map<String, Object> REFERRAL = Map.of("caseNumber", "GD-2026-0101", "fullName", "刘建国",
      "province", "广东省", "destination", "湖南省长沙市");

  @Test
  void threeVisitsAtTheDefaultIntervalsOneReferringLocalAssistance() throws Exception {
    publish("relief-return-follow-up", "", REFERRAL);
    long followUp = awaitInstance("return-follow-up");
    instance = followUp;

    assertThat(firstVisitDueAfter()).isEqualTo(Duration.ofDays(7));
    advanceClock(Duration.ofDays(8));
    complete("UserTask_visit", Map.of("status", "STABLE", "notes", "已回家与儿子同住，情况稳定"));

    // the engine's clock is pinned from now: each step names the total, once the visit's timer exists
    awaitVisitTimers(2);
    advanceClock(Duration.ofDays(8 + 31));
    complete("UserTask_visit", Map.of("status", "NEEDS_ASSISTANCE", "referLocalAssistance", true,
        "notes", "儿子失业，家中生活困难"));
    ActivatedJob referral = job("relief.linkage-referral", Map.of("linkageReferrals",
        Map.of("TEMPORARY_ASSISTANCE", "LS-1")));
    assertThat(referral.variables()).containsEntry("linkages", List.of("TEMPORARY_ASSISTANCE"))
        .containsEntry("caseNumber", "GD-2026-0101");

    awaitVisitTimers(3);
    advanceClock(Duration.ofDays(8 + 31 + 91));
    complete("UserTask_visit", Map.of("status", "STABLE", "notes", "已领取临时救助，情况稳定"));
    awaitCompleted("return-follow-up");
    assertThat(passed()).contains("EndEvent_settled").doesNotContain("EndEvent_repeatVagrancy");
    assertThat(jobsCreated("relief.linkage-referral")).isEqualTo(1);
  }

  @Test
  void aPersonWhoLeftAgainEndsTheVisitsAsRepeatVagrancy() throws Exception {
    Map<String, Object> referral = new HashMap<>(REFERRAL);
    referral.put("followUpIntervals", List.of("P14D", "P60D"));
    publish("relief-return-follow-up", "", referral);
    instance = awaitInstance("return-follow-up");
    assertThat(firstVisitDueAfter()).as("the policy's own interval").isEqualTo(Duration.ofDays(14));
    advanceClock(Duration.ofDays(15));
    complete("UserTask_visit", Map.of("status", "LEFT_AGAIN", "notes", "家人称其上周再次外出，去向不明"));
    awaitCompleted("return-follow-up");
    assertThat(passed()).contains("EndEvent_repeatVagrancy").doesNotContain("EndEvent_settled");
    assertThat(variable(instance, "repeatVagrancy")).isEqualTo(true);
  }

  /** How long after its creation the first visit's timer is due. */
  private Duration firstVisitDueAfter() throws InterruptedException {
    Record timer = awaitRecord(r -> r.valueType() == ValueType.TIMER && r.intent().equals("CREATED")
        && ((TimerRecord) r.value()).targetElementId().equals("TimerEvent_visitDue"));
    return Duration.ofMillis(((TimerRecord) timer.value()).dueDate() - timer.timestamp());
  }

  private void awaitVisitTimers(int count) throws InterruptedException {
    awaitRecord(r -> records.stream().filter(t -> t.valueType() == ValueType.TIMER && t.intent().equals("CREATED")
        && ((TimerRecord) t.value()).targetElementId().equals("TimerEvent_visitDue")).count() >= count);
  }
}

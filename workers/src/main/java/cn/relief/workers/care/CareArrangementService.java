package cn.relief.workers.care;

import cn.relief.workers.BusinessOutcome;
import cn.relief.workers.ErrorCodes;
import org.springframework.stereotype.Service;

/**
 * Separate quarters (办法 第7–11条): men and women apart, minors in the minors' area. The special-care
 * area takes anyone whose needs call for it.
 */
@Service
public class CareArrangementService {

  /**
   * Checks the chosen area and returns it.
   *
   * @throws BusinessOutcome {@link ErrorCodes#ACCOMMODATION_RULE_VIOLATED}
   */
  public String arrange(String accommodationArea, String gender, Integer age) {
    if (accommodationArea == null || accommodationArea.isBlank()) {
      throw new IllegalArgumentException("Expected variable 'accommodationArea' but it is missing");
    }
    if ("SPECIAL_CARE".equals(accommodationArea)) {
      return accommodationArea;
    }
    if (age != null && age < 18 && !"MINOR_AREA".equals(accommodationArea)) {
      throw violation("a minor aged " + age + " must be lodged in MINOR_AREA or SPECIAL_CARE, not " + accommodationArea);
    }
    if ("MINOR_AREA".equals(accommodationArea) && age != null && age >= 18) {
      throw violation("an adult aged " + age + " cannot be lodged in MINOR_AREA");
    }
    if ("FEMALE".equals(gender) && "MALE_AREA".equals(accommodationArea)
        || "MALE".equals(gender) && "FEMALE_AREA".equals(accommodationArea)) {
      throw violation("a person of gender " + gender + " cannot be lodged in " + accommodationArea);
    }
    return accommodationArea;
  }

  private static BusinessOutcome violation(String what) {
    return new BusinessOutcome(ErrorCodes.ACCOMMODATION_RULE_VIOLATED, "Separate quarters: " + what);
  }
}

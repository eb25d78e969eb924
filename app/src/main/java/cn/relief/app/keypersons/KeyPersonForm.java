package cn.relief.app.keypersons;

import cn.relief.app.web.FormText;
import cn.relief.forms.ResidentIdNumber;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The registration form of a key person: checked into a {@link NewKeyPerson} or problems by field
 * (message keys {@code keypersons.error.*}). The guardian's consent is required: without it nobody
 * is registered.
 */
public class KeyPersonForm {
  private static final Pattern PHONE = Pattern.compile("[0-9+\\- ]{5,20}");

  private String name;
  private String idNumber;
  private String sex;
  private String birthYear;
  private String risk;
  private String features;
  private String homeArea;
  private String guardianName;
  private String guardianRelation;
  private String guardianPhone;
  private String consentDate;
  private boolean consent;

  public record Checked(NewKeyPerson person, Map<String, String> errors) {}

  public Checked check(LocalDate today) {
    Map<String, String> errors = new LinkedHashMap<>();
    String checkedName = text(errors, "name", name, 2, 50, true);
    String id = FormText.blank(idNumber) ? null : idNumber.strip().toUpperCase(Locale.ROOT);
    if (id != null && !ResidentIdNumber.isValid(id)) {
      errors.put("idNumber", "keypersons.error.idNumber");
    }
    String checkedSex = "MALE".equals(sex) || "FEMALE".equals(sex) ? sex : null;
    if (checkedSex == null) {
      errors.put("sex", "keypersons.error.choice");
    }
    Integer year = null;
    if (!FormText.blank(birthYear)) {
      try {
        year = Integer.parseInt(birthYear.strip());
        if (year < 1900 || year > today.getYear()) {
          errors.put("birthYear", "keypersons.error.birthYear");
        }
      } catch (NumberFormatException e) {
        errors.put("birthYear", "keypersons.error.birthYear");
      }
    }
    Risk checkedRisk = null;
    try {
      checkedRisk = Risk.valueOf(String.valueOf(risk));
    } catch (IllegalArgumentException e) {
      errors.put("risk", "keypersons.error.choice");
    }
    String checkedFeatures = text(errors, "features", features, 0, 500, false);
    String area = text(errors, "homeArea", homeArea, 0, 100, false);
    String guardian = text(errors, "guardianName", guardianName, 2, 50, true);
    String relation = text(errors, "guardianRelation", guardianRelation, 1, 20, true);
    String phone = FormText.blank(guardianPhone) ? "" : guardianPhone.strip();
    if (!PHONE.matcher(phone).matches()) {
      errors.put("guardianPhone", "keypersons.error.phone");
    }
    LocalDate consented = null;
    if (!consent) {
      errors.put("consent", "keypersons.error.consent");
    } else {
      try {
        consented = LocalDate.parse(String.valueOf(consentDate).strip());
        if (consented.isAfter(today)) {
          errors.put("consentDate", "keypersons.error.consentDate");
        }
      } catch (DateTimeParseException e) {
        errors.put("consentDate", "keypersons.error.consentDate");
      }
    }
    if (!errors.isEmpty()) {
      return new Checked(null, errors);
    }
    return new Checked(new NewKeyPerson(checkedName, id, checkedSex, year, checkedRisk, emptyToNull(checkedFeatures),
        emptyToNull(area), guardian, relation, phone, consented), Map.of());
  }

  private static String text(Map<String, String> errors, String field, String value, int min, int max, boolean required) {
    String text = value == null ? "" : value.strip();
    if (required && text.length() < min || text.length() > max) {
      errors.put(field, "keypersons.error.length");
    } else if (FormText.CONTROL.matcher(text).find()) {
      errors.put(field, "keypersons.error.control");
    }
    return text;
  }

  private static String emptyToNull(String text) {
    return text == null || text.isEmpty() ? null : text;
  }


  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getIdNumber() {
    return idNumber;
  }

  public void setIdNumber(String idNumber) {
    this.idNumber = idNumber;
  }

  public String getSex() {
    return sex;
  }

  public void setSex(String sex) {
    this.sex = sex;
  }

  public String getBirthYear() {
    return birthYear;
  }

  public void setBirthYear(String birthYear) {
    this.birthYear = birthYear;
  }

  public String getRisk() {
    return risk;
  }

  public void setRisk(String risk) {
    this.risk = risk;
  }

  public String getFeatures() {
    return features;
  }

  public void setFeatures(String features) {
    this.features = features;
  }

  public String getHomeArea() {
    return homeArea;
  }

  public void setHomeArea(String homeArea) {
    this.homeArea = homeArea;
  }

  public String getGuardianName() {
    return guardianName;
  }

  public void setGuardianName(String guardianName) {
    this.guardianName = guardianName;
  }

  public String getGuardianRelation() {
    return guardianRelation;
  }

  public void setGuardianRelation(String guardianRelation) {
    this.guardianRelation = guardianRelation;
  }

  public String getGuardianPhone() {
    return guardianPhone;
  }

  public void setGuardianPhone(String guardianPhone) {
    this.guardianPhone = guardianPhone;
  }

  public String getConsentDate() {
    return consentDate;
  }

  public void setConsentDate(String consentDate) {
    this.consentDate = consentDate;
  }

  public boolean isConsent() {
    return consent;
  }

  public void setConsent(boolean consent) {
    this.consent = consent;
  }
}

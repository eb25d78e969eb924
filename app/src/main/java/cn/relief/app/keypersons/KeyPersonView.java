package cn.relief.app.keypersons;

import cn.relief.app.cases.PersonalData;
import cn.relief.app.security.EngineUser;
import cn.relief.app.security.ReliefRole;

/**
 * A key person as one user may see them. Who may see what: the station's caseworkers see who the
 * person is and how to recognise them, with the ID number masked and the guardian's phone hidden,
 * until they confirm the person as their case (then the case page shows the phone: they must call);
 * station heads see their station's entries in full, the regional centre every station's;
 * administrators and auditors see every entry with both masked (an administrator manages accounts
 * and needs no one's identity, as on the case pages); policy staff and partners see none.
 */
public record KeyPersonView(KeyPerson person, String idNumber, String guardianPhone) {
  static final String HIDDEN = "••••";

  /** Whether the user may see the database's entries of {@code stationId} at all. */
  public static boolean maySee(EngineUser user, String stationId) {
    if (user.hasAnyRole(ReliefRole.REGIONAL_CENTRE, ReliefRole.ADMIN, ReliefRole.AUDITOR)) {
      return true;
    }
    return user.hasAnyRole(ReliefRole.CASEWORKER, ReliefRole.STATION_HEAD) && stationId.equals(user.organisationId());
  }

  /** Whether the user sees ID numbers and guardians' phones in full. */
  static boolean seesInFull(EngineUser user, String stationId) {
    return user.hasAnyRole(ReliefRole.REGIONAL_CENTRE)
        || user.hasAnyRole(ReliefRole.STATION_HEAD) && stationId.equals(user.organisationId());
  }

  public static KeyPersonView of(EngineUser user, KeyPerson person) {
    return of(user, person, false);
  }

  /** {@code confirmedForTheirCase}: the user confirmed this person as the case they work on. */
  public static KeyPersonView of(EngineUser user, KeyPerson person, boolean confirmedForTheirCase) {
    boolean full = seesInFull(user, person.stationId());
    String idNumber = person.idNumber() == null ? null
        : full || confirmedForTheirCase ? person.idNumber() : PersonalData.maskIdNumber(person.idNumber());
    String phone = full || confirmedForTheirCase ? person.guardianPhone() : HIDDEN;
    return new KeyPersonView(person, idNumber, phone);
  }
}

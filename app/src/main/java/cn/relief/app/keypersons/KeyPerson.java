package cn.relief.app.keypersons;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person in the key-persons database, with their guardian's consent ({@code consentDate}) and
 * contact. {@code idNumber} and the guardian's phone are personal data: {@link KeyPersonView}
 * decides who sees them.
 */
public record KeyPerson(long id, String name, String idNumber, String sex, Integer birthYear, Risk risk,
    String features, String homeArea, String guardianName, String guardianRelation, String guardianPhone,
    LocalDate consentDate, String stationId, String registeredBy, Instant registeredAt, int returns) {}

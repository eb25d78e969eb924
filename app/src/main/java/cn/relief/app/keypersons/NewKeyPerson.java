package cn.relief.app.keypersons;

import java.time.LocalDate;

/** A key person as registered, checked by {@link KeyPersonForm}. */
public record NewKeyPerson(String name, String idNumber, String sex, Integer birthYear, Risk risk, String features,
    String homeArea, String guardianName, String guardianRelation, String guardianPhone, LocalDate consentDate) {}

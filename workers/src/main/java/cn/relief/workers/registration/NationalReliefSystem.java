package cn.relief.workers.registration;

/** The national relief management information system (全国救助管理信息系统). */
public interface NationalReliefSystem {

  /** Enters a person; returns the case number the system assigns. The same key returns the same number. */
  String register(String idempotencyKey, Registration registration);

  /** What the station enters (细则 第3条). */
  record Registration(
      String province,
      String intakeChannel,
      String policeHandoverFormNo,
      String fullName,
      String idNumber,
      String gender,
      String birthDate,
      Integer age,
      String hukouAddress,
      boolean fingerprintsTaken,
      boolean photoTaken) {}
}

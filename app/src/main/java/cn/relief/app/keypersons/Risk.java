package cn.relief.app.keypersons;

/** Why a person is in the key-persons database. */
public enum Risk {
  /** Dementia (失智): wanders off and cannot say who they are. */
  DEMENTIA,
  /** Intellectual disability (智力障碍). */
  INTELLECTUAL_DISABILITY,
  /** Runs away from home again and again (多次离家出走), often a minor. */
  REPEATED_RUNAWAY,
  /** Back on the street after being helped home (反复流浪). */
  REPEATED_VAGRANCY
}

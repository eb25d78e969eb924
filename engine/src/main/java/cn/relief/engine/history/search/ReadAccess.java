package cn.relief.engine.history.search;

import java.util.Optional;
import java.util.Set;

/** The resource ids the current caller may read, asked per search (the history knows no users). */
@FunctionalInterface
public interface ReadAccess {
  /** Everything: for the engine's own reads and in-process callers. */
  ReadAccess ALL = (resourceType, permissionType) -> Optional.empty();

  /** The permitted ids, or empty when every id is permitted. */
  Optional<Set<String>> permittedIds(String resourceType, String permissionType);
}

package cn.relief.engine.state;

/**
 * Hands out 64-bit keys shaped like Zeebe's: the partition id in the high bits (above bit 51),
 * a counter below, so that more partitions can come later without changing key formats.
 */
public final class KeyGenerator {
  private static final int PARTITION_BITS_SHIFT = 51;
  private final long partitionBase;
  private long next;

  public KeyGenerator(int partitionId) {
    this.partitionBase = (long) partitionId << PARTITION_BITS_SHIFT;
    this.next = partitionBase + 1;
  }

  /** The key the next call to {@link #nextKey()} returns. */
  public long peekNextKey() {
    return next;
  }

  public long nextKey() {
    return next++;
  }

  /** Called while replaying: the next key is above every key already used. */
  public void observe(long usedKey) {
    if (usedKey >= next && (usedKey >> PARTITION_BITS_SHIFT) == (partitionBase >> PARTITION_BITS_SHIFT)) {
      next = usedKey + 1;
    }
  }
}

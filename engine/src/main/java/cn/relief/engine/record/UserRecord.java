package cn.relief.engine.record;

/**
 * A user of the engine's APIs. Only the salted hash of the password is ever recorded; an update
 * without a new password carries the old hash, so that replaying the log alone rebuilds it.
 */
public record UserRecord(String username, String name, String email, String passwordHash) implements RecordValue {}

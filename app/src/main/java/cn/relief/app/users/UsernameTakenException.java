package cn.relief.app.users;

/** The engine already has a user of that name (its 409). */
class UsernameTakenException extends RuntimeException {
  UsernameTakenException(String username) {
    super("Expected a new username, but '" + username + "' exists already");
  }
}

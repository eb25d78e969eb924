package cn.relief.engine.gateway.rest;

import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.IdentityCommands;
import cn.relief.engine.record.UserRecord;
import io.camunda.client.protocol.rest.UserCreateResult;
import io.camunda.client.protocol.rest.UserResult;
import io.camunda.client.protocol.rest.UserSearchResult;
import io.camunda.client.protocol.rest.UserUpdateResult;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Users as Camunda 8.8's REST API has them; no answer ever holds a password or its hash. */
@RestController
public class UserController {
  static final IdentitySearch<UserRecord> SEARCH = new IdentitySearch<>("username", Map.of(
      "username", UserRecord::username, "name", UserRecord::name, "email", UserRecord::email));

  private final IdentityCommands identity;
  private final ApiSecurity security;

  public UserController(IdentityCommands identity, ApiSecurity security) {
    this.identity = identity;
    this.security = security;
  }

  /**
   * The body of a user's creation or update (the client's {@code UserRequest} and {@code
   * UserUpdateRequest}), read into this record rather than the client's classes: Spring MVC logs
   * a request body's {@code toString()} at DEBUG, and theirs print the password (seen with
   * {@code logging.level.org.springframework.web=DEBUG}).
   */
  record UserBody(String username, String password, String name, String email) {
    @Override
    public String toString() {
      return "UserBody[username=" + username + ", password=" + (password == null ? null : "***") + ", name=" + name
          + ", email=" + email + "]";
    }
  }

  @PostMapping("/v2/users")
  public CompletableFuture<ResponseEntity<UserCreateResult>> create(@RequestBody UserBody request) {
    return identity.createUser(RestRequests.requireText("username", request.username()), request.name(),
            request.email(), RestRequests.requireText("password", request.password()))
        .thenApply(user -> ResponseEntity.status(HttpStatus.CREATED).body(
            new UserCreateResult().username(user.username()).name(user.name()).email(user.email())));
  }

  @PutMapping("/v2/users/{username}")
  public CompletableFuture<UserUpdateResult> update(@PathVariable("username") String username,
      @RequestBody UserBody request) {
    return identity.updateUser(username, request.name(), request.email(), request.password())
        .thenApply(user -> new UserUpdateResult().username(user.username()).name(user.name()).email(user.email()));
  }

  @DeleteMapping("/v2/users/{username}")
  public CompletableFuture<ResponseEntity<Void>> delete(@PathVariable("username") String username) {
    return AsyncResponses.noContent(identity.deleteUser(username));
  }

  @GetMapping("/v2/users/{username}")
  public UserResult get(@PathVariable("username") String username) {
    UserRecord user = identity.state().user(username);
    if (user == null) {
      throw RestRequestException.notFound("Expected to find user with username '" + username + "', but none exists");
    }
    return result(user);
  }

  /** Only the users the caller may read (READ on USER for their username or for *). */
  @PostMapping("/v2/users/search")
  public UserSearchResult search(@RequestBody(required = false) Map<String, Object> body) {
    IdentitySearch.Page<UserRecord> page = SEARCH.search(IdentitySearch.readable(identity.state().users(),
        UserRecord::username, security.permittedIds("USER", "READ")), body);
    return new UserSearchResult().items(page.items().stream().map(UserController::result).toList()).page(page.page());
  }

  static UserResult result(UserRecord user) {
    return new UserResult().username(user.username()).name(user.name()).email(user.email());
  }
}

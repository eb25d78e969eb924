package cn.relief.engine.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/** Settings of the embedded engine, under {@code relief.engine}. */
@ConfigurationProperties("relief.engine")
public class EngineProperties {
  /** Start the embedded engine; off when the app runs against a Camunda 8 cluster. */
  private boolean enabled = true;
  private final Grpc grpc = new Grpc();
  private final Auth auth = new Auth();
  private final Clock clock = new Clock();
  private int maxBatchSize = 1000;
  private int maxQueuedCommands = 20_000;
  /**
   * Largest gRPC message and REST request body the gateways accept (Zeebe's default maximum
   * message size is 4 MB); it bounds variable documents and deployments too.
   */
  private DataSize maxMessageSize = DataSize.ofMegabytes(4);
  /** Records between two snapshots of the engine state (bounds the replay at start); 0 = none. */
  private long snapshotInterval = 1_000_000;

  public static class Grpc {
    private String host = "0.0.0.0";
    private int port = 26500;

    public String getHost() {
      return host;
    }

    public void setHost(String host) {
      this.host = host;
    }

    public int getPort() {
      return port;
    }

    public void setPort(int port) {
      this.port = port;
    }
  }

  /**
   * The initial administrator, created with the {@code admin} role at the first start when no user
   * exists; later changes here have no effect (users are managed through the identity API).
   */
  public static class Auth {
    private String username = "demo";
    private String password = "demo";
    /**
     * Roles whose holders (people) reach the API only through the application acting for them,
     * which presents the delegation token; with their own password alone they are not admitted.
     */
    private java.util.List<String> delegatedRoles = new java.util.ArrayList<>();
    /** The token the acting application presents; generated at each start when unset. */
    private String delegationToken = "";

    public java.util.List<String> getDelegatedRoles() {
      return delegatedRoles;
    }

    public void setDelegatedRoles(java.util.List<String> delegatedRoles) {
      this.delegatedRoles = delegatedRoles;
    }

    public String getDelegationToken() {
      return delegationToken;
    }

    public void setDelegationToken(String delegationToken) {
      this.delegationToken = delegationToken;
    }

    public String getUsername() {
      return username;
    }

    public void setUsername(String username) {
      this.username = username;
    }

    public String getPassword() {
      return password;
    }

    public void setPassword(String password) {
      this.password = password;
    }
  }

  /** {@code relief.engine.clock.controllable}: lets tests pin the clock through {@code /v2/clock}. */
  public static class Clock {
    private boolean controllable = false;

    public boolean isControllable() {
      return controllable;
    }

    public void setControllable(boolean controllable) {
      this.controllable = controllable;
    }
  }

  public Clock getClock() {
    return clock;
  }

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public Grpc getGrpc() {
    return grpc;
  }

  public Auth getAuth() {
    return auth;
  }

  public int getMaxBatchSize() {
    return maxBatchSize;
  }

  public void setMaxBatchSize(int maxBatchSize) {
    this.maxBatchSize = maxBatchSize;
  }

  public long getSnapshotInterval() {
    return snapshotInterval;
  }

  public void setSnapshotInterval(long snapshotInterval) {
    this.snapshotInterval = snapshotInterval;
  }

  public int getMaxQueuedCommands() {
    return maxQueuedCommands;
  }

  public void setMaxQueuedCommands(int maxQueuedCommands) {
    this.maxQueuedCommands = maxQueuedCommands;
  }

  public DataSize getMaxMessageSize() {
    return maxMessageSize;
  }

  public void setMaxMessageSize(DataSize maxMessageSize) {
    this.maxMessageSize = maxMessageSize;
  }
}

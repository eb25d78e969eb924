package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.EngineApi;
import cn.relief.engine.identity.ApiSecurity;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zeebe-compatible gRPC endpoint: a Netty server with the gateway service behind basic
 * authentication. Call {@link #start()} once, {@link #close()} to stop.
 */
public final class GrpcGatewayServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GrpcGatewayServer.class);

  /**
   * The Camunda client pings every 45 s by default, also on idle connections; a server that
   * permits less would answer with GOAWAY (too_many_pings) and break the connection.
   */
  private static final long PERMIT_KEEP_ALIVE_SECONDS = 30;

  /**
   * Our own pings find workers that vanished without closing the connection, so that their job
   * streams end and stop receiving jobs that nobody will work on.
   */
  private static final long KEEP_ALIVE_SECONDS = 60;
  private static final long KEEP_ALIVE_TIMEOUT_SECONDS = 20;

  private static final long GRACEFUL_SHUTDOWN_SECONDS = 5;

  /** Handlers only translate and hand over to the engine, so a few threads suffice. */
  private static final int HANDLER_THREADS = 4;

  /**
   * Call events waiting for a handler thread. Bounded: a flood of calls would otherwise pile up
   * here without limit, before the engine's own queue could refuse them with RESOURCE_EXHAUSTED.
   * Beyond it the Netty thread that received the event runs it itself, which stops it reading
   * more from its connections until then (TCP flow control pushes back on the clients).
   */
  static final int HANDLER_QUEUE = 2_000;

  private final EngineApi api;
  private final ApiSecurity security;
  private final String host;
  private final int port;
  private final int maxMessageBytes;

  private ExecutorService executor;
  private Server server;

  /**
   * @param maxMessageBytes largest message a call may send (Zeebe's gateway accepts 4 MiB by
   *     default, and clients size their payloads to it); grpc-java refuses a larger one with
   *     RESOURCE_EXHAUSTED before it is read into memory, as Zeebe's gateway does
   */
  public GrpcGatewayServer(EngineApi api, ApiSecurity security, String host, int port, int maxMessageBytes) {
    this.api = api;
    this.security = security;
    this.host = host;
    this.port = port;
    this.maxMessageBytes = maxMessageBytes;
  }

  public synchronized void start() throws IOException {
    if (server != null) {
      throw new IllegalStateException("The gRPC gateway was already started");
    }
    ExecutorService handlerExecutor = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(HANDLER_QUEUE), new NamedDaemonThreads(), new ThreadPoolExecutor.CallerRunsPolicy());
    Server built = NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
        .addService(ServerInterceptors.intercept(new GrpcGateway(api), new BasicAuthServerInterceptor(security)))
        .maxInboundMessageSize(maxMessageBytes)
        .permitKeepAliveTime(PERMIT_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .keepAliveTime(KEEP_ALIVE_SECONDS, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEP_ALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .executor(handlerExecutor)
        .build();
    try {
      built.start();
    } catch (IOException | RuntimeException e) {
      handlerExecutor.shutdownNow();
      throw e;
    }
    executor = handlerExecutor;
    server = built;
    LOG.info("gRPC gateway listening on {}:{}", host, built.getPort());
  }

  /** The port the server is bound to; differs from the configured one when that was 0. */
  public synchronized int port() {
    if (server == null) {
      throw new IllegalStateException("The gRPC gateway is not started");
    }
    return server.getPort();
  }

  /**
   * Stops accepting calls and lets running ones finish for a few seconds. Job streams and long
   * polls do not finish by themselves, so they are cancelled when that time is up; cancelling a
   * job stream closes its engine stream.
   */
  @Override
  public synchronized void close() {
    if (server == null) {
      return;
    }
    server.shutdown();
    try {
      if (!server.awaitTermination(GRACEFUL_SHUTDOWN_SECONDS, TimeUnit.SECONDS)) {
        server.shutdownNow();
        server.awaitTermination(GRACEFUL_SHUTDOWN_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      executor.shutdownNow();
      server = null;
      executor = null;
    }
    LOG.info("gRPC gateway stopped");
  }

  private static final class NamedDaemonThreads implements ThreadFactory {
    private final AtomicInteger count = new AtomicInteger();

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(task, "relief-grpc-" + count.incrementAndGet());
      // Must not keep the JVM alive if close() is never called.
      thread.setDaemon(true);
      return thread;
    }
  }
}

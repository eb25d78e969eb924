package cn.relief.engine.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy between clients and one port of the engine that can cut every open connection at
 * once, as a network failure or a restarted load balancer does to workers. It forwards bytes only
 * and knows nothing of HTTP or gRPC: the clients see their connections reset and must reconnect.
 */
final class TcpProxy implements AutoCloseable {
  private final int targetPort;
  private final ServerSocket server;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final AtomicInteger cut = new AtomicInteger();
  private final Thread acceptor;
  private volatile boolean running = true;

  TcpProxy(int targetPort) throws IOException {
    this.targetPort = targetPort;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.acceptor = new Thread(this::accept, "tcp-proxy-" + targetPort);
    this.acceptor.setDaemon(true);
    this.acceptor.start();
  }

  int port() {
    return server.getLocalPort();
  }

  /** Connections cut so far (each client connection counts once). */
  int connectionsCut() {
    return cut.get();
  }

  /** Resets every open connection (RST, not a graceful close); returns how many client connections it cut. */
  int cutAll() {
    int clients = 0;
    for (Socket socket : Set.copyOf(open)) {
      if (socket.getLocalPort() == server.getLocalPort()) {
        clients++;
      }
      reset(socket);
    }
    cut.addAndGet(clients);
    return clients;
  }

  private void accept() {
    while (running) {
      try {
        Socket client = server.accept();
        Socket upstream;
        try {
          upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
        } catch (IOException engineDown) {
          reset(client); // the engine is down: the client sees a refused connection, as without the proxy
          continue;
        }
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        open.add(client);
        open.add(upstream);
        pump(client, upstream);
        pump(upstream, client);
      } catch (IOException e) {
        if (running) {
          sleep(10);
        }
      }
    }
  }

  private void pump(Socket from, Socket to) {
    Thread thread = new Thread(() -> {
      byte[] buffer = new byte[16 * 1024];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        int read;
        while ((read = in.read(buffer)) >= 0) {
          out.write(buffer, 0, read);
          out.flush();
        }
      } catch (IOException closed) {
        // cut, or closed by either side: the other direction ends with it
      } finally {
        reset(from);
        reset(to);
      }
    }, "tcp-proxy-pump");
    thread.setDaemon(true);
    thread.start();
  }

  private void reset(Socket socket) {
    open.remove(socket);
    try {
      socket.setSoLinger(true, 0); // close with RST: the peer's next read or write fails at once
    } catch (SocketException alreadyClosed) {
      // nothing to reset
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing is all that is wanted
    }
  }

  @Override
  public void close() throws IOException {
    running = false;
    server.close();
    Set.copyOf(open).forEach(this::reset);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

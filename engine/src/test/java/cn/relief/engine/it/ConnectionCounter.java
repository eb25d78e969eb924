package cn.relief.engine.it;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.concurrent.atomic.AtomicInteger;

/** A local HTTP endpoint that only counts who connects to it. */
final class ConnectionCounter implements AutoCloseable {
  private final ServerSocket socket;
  private final AtomicInteger connections = new AtomicInteger();
  private final Thread acceptor;

  ConnectionCounter() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(() -> {
      while (!socket.isClosed()) {
        try (Socket ignored = socket.accept()) {
          connections.incrementAndGet();
        } catch (SocketException closed) {
          return;
        } catch (IOException e) {
          // keep counting
        }
      }
    }, "xxe-listener");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  String url() {
    return "http://127.0.0.1:" + socket.getLocalPort() + "/entity.dtd";
  }

  int connections() {
    return connections.get();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}

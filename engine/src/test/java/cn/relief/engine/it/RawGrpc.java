package cn.relief.engine.it;

import io.camunda.zeebe.gateway.protocol.GatewayGrpc;
import io.grpc.ClientInterceptor;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC channel to the engine without the Camunda client in between, for requests the client
 * would never build (any field value, any document text), as user demo (the administrator).
 */
final class RawGrpc implements AutoCloseable {
  private final ManagedChannel channel;

  RawGrpc(int port) {
    channel = NettyChannelBuilder.forAddress("localhost", port).usePlaintext()
        .maxInboundMessageSize(64 * 1024 * 1024).build();
  }

  ManagedChannel channel() {
    return channel;
  }

  /** Sends the demo user's basic credentials with every call. */
  static ClientInterceptor demoCredentials() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER),
        "Basic " + Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
    return MetadataUtils.newAttachHeadersInterceptor(headers);
  }

  GatewayGrpc.GatewayBlockingStub stub() {
    return GatewayGrpc.newBlockingStub(channel).withInterceptors(demoCredentials())
        .withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}

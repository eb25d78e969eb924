package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.EngineCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits only calls that carry the engine's basic-auth credentials, which the Camunda client sends
 * as the {@code authorization} header of every call when configured with basic authentication.
 * The header value is never logged: it is the password, merely base64-encoded.
 */
public final class BasicAuthServerInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(BasicAuthServerInterceptor.class);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final EngineCredentials credentials;

  public BasicAuthServerInterceptor(EngineCredentials credentials) {
    this.credentials = credentials;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String header = headers.get(AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return reject(call, "Expected a valid basic authorization header, but found none");
    }
    if (!credentials.acceptsAuthorizationHeader(header)) {
      LOG.debug("Rejected gRPC call {}: credentials not accepted", call.getMethodDescriptor().getFullMethodName());
      return reject(call, "Expected a valid basic authorization header, but the credentials were not accepted");
    }
    return next.startCall(call, headers);
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, RespT> call, String message) {
    call.close(Status.UNAUTHENTICATED.withDescription(message), new Metadata());
    // The call is closed; whatever the client still sends is ignored.
    return new ServerCall.Listener<>() {};
  }
}

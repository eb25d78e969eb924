package cn.relief.engine.gateway.grpc;

import cn.relief.engine.api.Caller;
import cn.relief.engine.api.CallerContext;
import cn.relief.engine.identity.ApiSecurity;
import cn.relief.engine.identity.GrpcPermissions;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits only calls that carry the basic-auth credentials of one of the engine's users, which the Camunda client sends
 * as the {@code authorization} header of every call when configured with basic authentication.
 * The header value is never logged: it is the password, merely base64-encoded.
 *
 * <p>An admitted call runs with its user as the {@link CallerContext} caller, which the audit
 * trail records for every command the call submits. A user that lacks the permission the call
 * needs ({@link GrpcPermissions}) is refused with PERMISSION_DENIED.
 */
public final class BasicAuthServerInterceptor implements ServerInterceptor {
  private static final Logger LOG = LoggerFactory.getLogger(BasicAuthServerInterceptor.class);
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final ApiSecurity security;

  public BasicAuthServerInterceptor(ApiSecurity security) {
    this.security = security;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String header = headers.get(AUTHORIZATION);
    if (header == null || header.isBlank()) {
      return reject(call, "Expected a valid basic authorization header, but found none");
    }
    Optional<String> user = security.authenticate(header);
    if (user.isEmpty()) {
      LOG.debug("Rejected gRPC call {}: credentials not accepted", call.getMethodDescriptor().getFullMethodName());
      return reject(call, "Expected a valid basic authorization header, but the credentials were not accepted");
    }
    Optional<String> refusal = security.refuse(user.get(), "gRPC " + call.getMethodDescriptor().getFullMethodName(),
        GrpcPermissions.required(call.getMethodDescriptor().getBareMethodName()));
    if (refusal.isPresent()) {
      return close(call, Status.PERMISSION_DENIED.withDescription(refusal.get()));
    }
    Caller caller = Caller.user(user.get());
    ServerCall.Listener<ReqT> listener;
    try (CallerContext.Scope ignored = CallerContext.open(caller)) {
      listener = next.startCall(call, headers);
    }
    return new CallerScopedListener<>(listener, caller);
  }

  /**
   * Makes the caller known to the engine during each callback of the call: the gateway calls the
   * engine from these callbacks (a unary call's handler runs in {@code onHalfClose}), on whatever
   * executor thread gRPC picked for them, so the caller cannot simply be set once per call.
   */
  private static final class CallerScopedListener<ReqT>
      extends ForwardingServerCallListener.SimpleForwardingServerCallListener<ReqT> {
    private final Caller caller;

    CallerScopedListener(ServerCall.Listener<ReqT> delegate, Caller caller) {
      super(delegate);
      this.caller = caller;
    }

    @Override
    public void onMessage(ReqT message) {
      try (CallerContext.Scope ignored = CallerContext.open(caller)) {
        super.onMessage(message);
      }
    }

    @Override
    public void onHalfClose() {
      try (CallerContext.Scope ignored = CallerContext.open(caller)) {
        super.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      try (CallerContext.Scope ignored = CallerContext.open(caller)) {
        super.onCancel();
      }
    }

    @Override
    public void onComplete() {
      try (CallerContext.Scope ignored = CallerContext.open(caller)) {
        super.onComplete();
      }
    }

    @Override
    public void onReady() {
      try (CallerContext.Scope ignored = CallerContext.open(caller)) {
        super.onReady();
      }
    }
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> reject(ServerCall<ReqT, RespT> call, String message) {
    return close(call, Status.UNAUTHENTICATED.withDescription(message));
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> close(ServerCall<ReqT, RespT> call, Status status) {
    call.close(status, new Metadata());
    // The call is closed; whatever the client still sends is ignored.
    return new ServerCall.Listener<>() {};
  }
}

package cn.relief.engine.gateway.rest;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits the size of request bodies on the REST v2 API, as the gRPC gateway limits its messages
 * ({@code relief.engine.max-message-size}). Tomcat limits only form posts; without this a JSON
 * body of any size would be read into memory whole before anything could refuse it.
 *
 * <p>A declared length over the limit is answered at once with a 413 problem detail. A body
 * without a declared length (chunked) is counted while it is read, and reading fails beyond the
 * limit with {@link BodyTooLargeException}, which {@link RestProblemHandler} answers the same way.
 */
public class RestBodyLimitFilter extends OncePerRequestFilter {
  private final long maxBytes;

  public RestBodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** Reading a request body went beyond the limit. */
  static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long maxBytes) {
      super(describe(maxBytes, "it was longer"));
    }
  }

  static String describe(long maxBytes, String found) {
    return "Expected a request body of at most " + maxBytes + " bytes (relief.engine.max-message-size), but "
        + found;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      ProblemJson.write(response, HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, "PAYLOAD_TOO_LARGE",
          describe(maxBytes, "it had " + declared + " bytes"), request.getRequestURI());
      return;
    }
    chain.doFilter(declared >= 0 ? request : new CountingRequest(request, maxBytes), response);
  }

  /** A request whose body stream fails once more than the limit has been read. */
  private static final class CountingRequest extends HttpServletRequestWrapper {
    private final long maxBytes;
    private ServletInputStream counted;

    CountingRequest(HttpServletRequest request, long maxBytes) {
      super(request);
      this.maxBytes = maxBytes;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (counted == null) {
        counted = new CountingStream(super.getInputStream(), maxBytes);
      }
      return counted;
    }
  }

  private static final class CountingStream extends ServletInputStream {
    private final ServletInputStream in;
    private final long maxBytes;
    private long read;

    CountingStream(ServletInputStream in, long maxBytes) {
      this.in = in;
      this.maxBytes = maxBytes;
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        count(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = in.read(buffer, offset, length);
      if (n > 0) {
        count(n);
      }
      return n;
    }

    private void count(int n) throws IOException {
      read += n;
      if (read > maxBytes) {
        throw new BodyTooLargeException(maxBytes);
      }
    }

    @Override
    public boolean isFinished() {
      return in.isFinished();
    }

    @Override
    public boolean isReady() {
      return in.isReady();
    }

    @Override
    public void setReadListener(ReadListener listener) {
      in.setReadListener(listener);
    }
  }
}

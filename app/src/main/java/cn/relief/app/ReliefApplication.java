package cn.relief.app;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The relief workflow system: with nothing configured it starts an embedded PostgreSQL, the
 * embedded engine (gRPC on 26500, REST under /v2) and deploys the process models it finds.
 */
@SpringBootApplication
public class ReliefApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReliefApplication.class, args);
  }
}

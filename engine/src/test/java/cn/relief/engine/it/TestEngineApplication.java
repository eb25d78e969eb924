package cn.relief.engine.it;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The engine alone in a web server, as the tests (and the crash test's child process) run it. */
@SpringBootApplication
public class TestEngineApplication {
  public static void main(String[] args) {
    SpringApplication.run(TestEngineApplication.class, args);
  }
}

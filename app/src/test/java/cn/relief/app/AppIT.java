package cn.relief.app;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * The whole application on fixed ports for a full-context test. Every such test carries exactly
 * this annotation and nothing that changes the context's configuration, so that all of them share
 * one application context (a second one would clash on the ports). The ports are those of
 * {@code application-test.properties}: 18080 (HTTP, REST) and 36500 (gRPC), or the environment's
 * {@code RELIEF_IT_HTTP_PORT} / {@code RELIEF_IT_GRPC_PORT} for a second build on the same machine.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@ActiveProfiles("test")
public @interface AppIT {}

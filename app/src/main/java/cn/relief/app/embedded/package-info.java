/**
 * The embedded engine's bootstrap in the application: the one package of {@code app} (and, with
 * {@code workers}, of everything that is not the engine) allowed to use engine classes. Everything
 * else talks to the engine through the Camunda client, so it runs unchanged against a Camunda 8
 * cluster ({@code ArchitectureTest} checks it).
 */
package cn.relief.app.embedded;

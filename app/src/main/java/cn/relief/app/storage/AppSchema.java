package cn.relief.app.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.stereotype.Component;

/**
 * The application's own tables (discovery reports and the dispatch, key-person and resource records
 * that follow), in schema {@value #SCHEMA} beside the engine's, migrated by Flyway from
 * {@code db/app} with their own history table. The engine's state is not here: the app reaches it
 * only through the Camunda client, so against a Camunda 8 cluster this schema lives in the
 * PostgreSQL that {@code spring.datasource.url} names.
 */
@Component
public class AppSchema {
  public static final String SCHEMA = "relief_app";

  /** Migrates at construction: every store takes this bean, so no query runs before its tables exist. */
  AppSchema(DataSource dataSource) {
    Flyway.configure()
        .dataSource(dataSource)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .locations("classpath:db/app")
        .table("app_schema_history")
        .load()
        .migrate();
  }
}

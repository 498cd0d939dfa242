package dev.lagoa.examples;

import dev.lagoa.cdc.postgres.PostgresServer;
import dev.lagoa.cdc.postgres.SourceLoader;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.PostgresCdcSourceConfig;
import dev.lagoa.core.config.ProjectConfigLoader;
import dev.lagoa.testing.data.MovieLensFiles;
import dev.lagoa.testing.data.MovieLensGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The original pipeline's source database. Round 1 generates the four ml-latest-small CSVs at their
 * real sizes (100,836 ratings, 3,683 tags, 9,742 movies) and bulk-loads them into the source's
 * PostgreSQL (schema {@code movielens_database}, with {@code postgres/schema.sql} and COPY), as
 * {@code lagoa pg load} does; round 2 changes the database ({@code postgres/changes.sql}: a rating
 * updated, a movie deleted, a new user's ratings), and the next run's CDC catch-up carries that
 * into the lake and the models.
 */
final class MovieLensData implements ExampleData {
  private static final String SOURCE = "movielens";

  @Override
  public int rounds() {
    return 2;
  }

  @Override
  public void land(Path example, int round) {
    PostgresCdcSourceConfig source =
        (PostgresCdcSourceConfig)
            ProjectConfigLoader.withSystemEnvironment().load(example).sources().get(SOURCE);
    try (PostgresServer server = PostgresServer.open(source);
        Connection connection = server.endpoint().connect()) {
      SourceLoader loader = new SourceLoader(connection);
      if (round == 1) {
        Path landing = example.resolve("landing/movielens");
        Files.createDirectories(landing);
        MovieLensFiles files = new MovieLensGenerator(2018).writeTo(landing);
        loader.execute("CREATE SCHEMA IF NOT EXISTS " + source.schema(), "CREATE SCHEMA");
        loader.runScript(example.resolve("postgres/schema.sql"));
        for (Path csv : List.of(files.movies(), files.links(), files.ratings(), files.tags())) {
          loader.copyCsv(source.schema(), csv);
        }
      } else {
        loader.runScript(example.resolve("postgres/changes.sql"));
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot land round %d of the movielens source: %s", round, e.getMessage());
    } catch (SQLException e) {
      throw LagoaException.external(
          e, "Cannot load round %d into the movielens source database: %s", round, e.getMessage());
    }
  }

  @Override
  public List<String> queries(int round) {
    return List.of(
        "SELECT count(*) AS movies, count(avg_rating) AS rated FROM analytics.analytics_movie_insights",
        "SELECT userId, total_ratings, avg_rating FROM analytics.analytics_user_engagement"
            + " WHERE userId IN (1, 611) ORDER BY userId");
  }
}

package dev.lagoa.ml.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.MovieLensFixture;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.runtime.Lakehouse;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The ML routes on a real Javalin server on 127.0.0.1, over the movielens example's model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MlRoutesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String INSTANCE =
      """
      {"user_avg_rating": 4.1, "user_rating_count": 120, "movie_avg_rating": 3.9,
       "movie_rating_count": 40, "release_year": 1999, "main_genre": "Drama",
       "is_drama": true, "is_comedy": false, "is_action": false, "is_thriller": false,
       "is_romance": false, "is_horror": false, "is_documentary": false, "is_animation": false}
      """;

  @TempDir static Path directory;
  private Lakehouse lakehouse;
  private ModelVersion first;
  private ModelVersion second;
  private Javalin server;
  private final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  void start() {
    lakehouse = MovieLensFixture.build(directory);
    MachineLearning ml = MachineLearning.of(lakehouse);
    first = ml.train("rating", null);
    second = ml.train("rating", null);
    MlRoutes routes = new MlRoutes(ml, Set.of(), Set.of(), Set.of());
    server = Javalin.create(routes::install).start("127.0.0.1", 0);
  }

  @AfterAll
  void stop() {
    server.stop();
    lakehouse.close();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path) throws Exception {
    return client.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  @Test
  void oneInstanceGetsARatingAndTheServedVersionThatMadeIt() throws Exception {
    HttpResponse<String> response = post("/api/v1/ml/rating/predict", INSTANCE);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("model").asText()).isEqualTo("rating");
    assertThat(body.get("version").asInt()).isEqualTo(second.version());
    assertThat(body.get("predictions")).hasSize(1);
    assertThat(body.get("predictions").get(0).get("value").asDouble()).isBetween(3.0, 5.5);
  }

  @Test
  void manyInstancesGetOnePredictionEachFromAPinnedVersion() throws Exception {
    String low = INSTANCE.replace("4.1", "1.2").replace("3.9", "1.5");
    HttpResponse<String> response =
        post(
            "/api/v1/ml/rating/predict?version=" + first.version(),
            "{\"instances\": [" + INSTANCE + ", " + low + "]}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("version").asInt()).isEqualTo(first.version());
    assertThat(body.get("predictions")).hasSize(2);
    assertThat(body.get("predictions").get(0).get("value").asDouble())
        .as("a user and a movie with high averages get a higher rating than low ones")
        .isGreaterThan(body.get("predictions").get(1).get("value").asDouble());
  }

  @Test
  void aMissingFeatureIsA400NamingIt() throws Exception {
    HttpResponse<String> response =
        post("/api/v1/ml/rating/predict", INSTANCE.replace("\"user_rating_count\": 120,", ""));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("user_rating_count");
    assertThat(json(response).get("error").asText())
        .isEqualTo(
            "Cannot predict: feature user_rating_count is missing (a numeric value is required)");
  }

  @Test
  void aValueOfTheWrongTypeIsA400NamingTheField() throws Exception {
    HttpResponse<String> response =
        post("/api/v1/ml/rating/predict", INSTANCE.replace("4.1", "\"high\""));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("user_avg_rating");
    assertThat(json(response).get("error").asText())
        .isEqualTo("Cannot predict: feature user_avg_rating is \"high\", expected a number");
  }

  @Test
  void aBadValueInTheThirdInstanceNamesThatInstance() throws Exception {
    String bad = INSTANCE.replace("\"is_drama\": true", "\"is_drama\": \"yes\"");
    HttpResponse<String> response =
        post(
            "/api/v1/ml/rating/predict",
            "{\"instances\": [" + INSTANCE + ", " + INSTANCE + ", " + bad + "]}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("instances[2].is_drama");
    assertThat(json(response).get("error").asText())
        .isEqualTo("Cannot predict: instances[2].is_drama is \"yes\", expected true or false");
  }

  @Test
  void aCategoryTheTrainingDataNeverHadIsA400NamingTheField() throws Exception {
    HttpResponse<String> response =
        post("/api/v1/ml/rating/predict", INSTANCE.replace("\"Drama\"", "\"Telenovela\""));

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("main_genre");
    assertThat(json(response).get("error").asText())
        .startsWith(
            "Cannot predict: feature main_genre has the value 'Telenovela', which the training data never had (known: ");
  }

  @Test
  void aBodyThatIsNotJsonIsA400() throws Exception {
    HttpResponse<String> response = post("/api/v1/ml/rating/predict", "{user_avg_rating: ");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("body");
  }

  @Test
  void anUnknownModelOrVersionIsA404() throws Exception {
    HttpResponse<String> model = post("/api/v1/ml/ratings/predict", INSTANCE);
    HttpResponse<String> version = post("/api/v1/ml/rating/predict?version=99", INSTANCE);

    assertThat(model.statusCode()).isEqualTo(404);
    assertThat(version.statusCode()).isEqualTo(404);
    assertThat(json(version).get("error").asText())
        .isEqualTo("Cannot predict with model rating version 99: no such version");
  }

  @Test
  void theModelPageListsEveryVersionWithItsMetricsAndTheServedOne() throws Exception {
    HttpResponse<String> response = get("/api/v1/ml/rating");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = json(response);
    assertThat(body.get("served_version").asInt()).isEqualTo(second.version());
    List<Integer> versions =
        body.get("versions").findValues("version").stream().map(JsonNode::asInt).toList();
    assertThat(versions).containsSubsequence(first.version(), second.version());
    JsonNode latest = body.get("versions").get(body.get("versions").size() - 1);
    assertThat(latest.at("/evaluation/metrics/rmse").asDouble())
        .isEqualTo(second.evaluation().metrics().get("rmse"));
    assertThat(latest.at("/evaluation/baselineMetrics/rmse").isNumber()).isTrue();
    assertThat(latest.at("/training/snapshotId").asLong())
        .isEqualTo(second.training().snapshotId());
  }

  @Test
  void theTrainingDataComesAsCsvWithOneLinePerTrainingRow() throws Exception {
    HttpResponse<String> response = get("/api/v1/ml/rating/training-data?format=csv");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
    assertThat(response.headers().firstValue("X-Lagoa-Snapshot-Id"))
        .hasValue(Long.toString(second.training().snapshotId()));
    List<String> lines = response.body().lines().toList();
    assertThat(lines.get(0))
        .isEqualTo(
            "user_avg_rating,user_rating_count,movie_avg_rating,movie_rating_count,release_year,"
                + "main_genre,is_drama,is_comedy,is_action,is_thriller,is_romance,is_horror,"
                + "is_documentary,is_animation,rating,_split");
    assertThat(lines).hasSize(1 + MovieLensFixture.SIZES.ratings());
    assertThat(lines.stream().filter(l -> l.endsWith(",test")).count())
        .isEqualTo(second.rows().test());
  }

  @Test
  void anUnknownExportFormatIsA400NamingTheParameter() throws Exception {
    HttpResponse<String> response = get("/api/v1/ml/rating/training-data?format=xlsx");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("field").asText()).isEqualTo("format");
  }
}

package dev.lagoa.ml.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.core.ErrorCategory;
import dev.lagoa.core.LagoaException;
import dev.lagoa.ml.MachineLearning;
import dev.lagoa.ml.dataset.ExportFormat;
import dev.lagoa.ml.predict.PredictionResult;
import dev.lagoa.ml.predict.UnknownModelException;
import dev.lagoa.ml.registry.ModelRegistry;
import dev.lagoa.ml.registry.ModelVersion;
import dev.lagoa.ml.spec.InvalidFeatureException;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * The machine-learning HTTP API, mounted into a Javalin server by {@link #install(JavalinConfig)}:
 *
 * <ul>
 *   <li>{@code POST /api/v1/ml/{model}/predict[?version=N]} — body: one instance (a JSON object of
 *       feature values) or {@code {"instances": [ ... ]}}; answers the predictions and the version
 *       that made them. A bad instance gets 400 with the field named, e.g. {@code
 *       instances[2].genre}.
 *   <li>{@code GET /api/v1/ml/{model}} — every version with its metrics, baseline metrics, training
 *       snapshot and promotion; which one is served.
 *   <li>{@code GET /api/v1/ml/{model}/training-data[?version=N&format=csv|parquet]} — the rows the
 *       version was trained on, read from its recorded snapshot, with a {@code _split} column.
 * </ul>
 *
 * <p>Sign-in is the server's business: each route carries the roles the caller gives, so the
 * server's access manager decides who may call it.
 */
public final class MlRoutes {
  public static final String PREFIX = "/api/v1/ml";

  private final MachineLearning ml;
  private final RouteRole[] readRoles;
  private final RouteRole[] predictRoles;
  private final RouteRole[] trainingDataRoles;

  /**
   * @param readRoles who may list versions and metrics
   * @param predictRoles who may ask for predictions
   * @param trainingDataRoles who may download training rows
   */
  public MlRoutes(
      MachineLearning ml,
      Set<? extends RouteRole> readRoles,
      Set<? extends RouteRole> predictRoles,
      Set<? extends RouteRole> trainingDataRoles) {
    this.ml = ml;
    this.readRoles = readRoles.toArray(RouteRole[]::new);
    this.predictRoles = predictRoles.toArray(RouteRole[]::new);
    this.trainingDataRoles = trainingDataRoles.toArray(RouteRole[]::new);
  }

  public void install(JavalinConfig config) {
    config.routes.post(PREFIX + "/{model}/predict", guarded(this::predict), predictRoles);
    config.routes.get(PREFIX + "/{model}", guarded(this::describe), readRoles);
    config.routes.get(
        PREFIX + "/{model}/training-data", guarded(this::trainingData), trainingDataRoles);
  }

  private void predict(Context ctx) throws JsonProcessingException {
    JsonNode body;
    try {
      body = ModelRegistry.JSON.readTree(ctx.bodyAsBytes());
    } catch (IOException e) {
      throw new InvalidFeatureException(
          "body",
          "Cannot predict: the request body is not JSON ("
              + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                  ? j.getOriginalMessage()
                  : e.getMessage())
              + ")");
    }
    if (body == null || !body.isObject()) {
      throw new InvalidFeatureException(
          "body",
          "Cannot predict: the request body must be a JSON object: one instance, or {\"instances\": [...]}");
    }
    List<JsonNode> instances = new ArrayList<>();
    JsonNode many = body.get("instances");
    if (many != null) {
      if (!many.isArray() || many.isEmpty()) {
        throw new InvalidFeatureException(
            "instances", "Cannot predict: instances must be a non-empty list of JSON objects");
      }
      many.forEach(instances::add);
    } else {
      instances.add(body);
    }
    PredictionResult result =
        ml.predictor().predict(ctx.pathParam("model"), version(ctx), instances);
    json(ctx, result);
  }

  private void describe(Context ctx) throws JsonProcessingException {
    String model = ctx.pathParam("model");
    List<ModelVersion> versions = ml.versions(model);
    OptionalInt served = ml.servedVersion(model);
    ObjectNode answer = ModelRegistry.JSON.createObjectNode();
    answer.put("model", model);
    if (served.isPresent()) {
      answer.put("served_version", served.getAsInt());
    } else {
      answer.putNull("served_version");
    }
    answer.set("versions", ModelRegistry.JSON.valueToTree(versions));
    json(ctx, answer);
  }

  private void trainingData(Context ctx) throws IOException {
    String model = ctx.pathParam("model");
    String formatText = ctx.queryParam("format");
    ExportFormat format =
        formatText == null
            ? ExportFormat.CSV
            : ExportFormat.parse(formatText)
                .orElseThrow(
                    () ->
                        new InvalidFeatureException(
                            "format",
                            "Cannot export training data: format was '"
                                + formatText
                                + "' but it must be csv or parquet"));
    Path directory = Files.createTempDirectory("lagoa-ml-export");
    Path file = directory.resolve("training." + format.extension());
    try {
      ModelVersion version = ml.exportTrainingData(model, version(ctx), format, file);
      ctx.contentType(format.contentType());
      ctx.header(
          "Content-Disposition",
          "attachment; filename=\""
              + model
              + "-v"
              + version.version()
              + "-training."
              + format.extension()
              + "\"");
      ctx.header("X-Lagoa-Snapshot-Id", Long.toString(version.training().snapshotId()));
      ctx.header("X-Lagoa-Model-Version", Integer.toString(version.version()));
      ctx.result(Files.readAllBytes(file));
    } finally {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    }
  }

  private static OptionalInt version(Context ctx) {
    String text = ctx.queryParam("version");
    if (text == null) {
      return OptionalInt.empty();
    }
    try {
      int version = Integer.parseInt(text.trim());
      if (version >= 1) {
        return OptionalInt.of(version);
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidFeatureException(
        "version", "Cannot use version '" + text + "': it must be a version number (1, 2, ...)");
  }

  private static void json(Context ctx, Object value) throws JsonProcessingException {
    ctx.contentType("application/json");
    ctx.result(ModelRegistry.JSON.writeValueAsBytes(value));
  }

  /**
   * Turns Lagoa's errors into statuses here, so a bad request is never a 500 wherever this runs.
   */
  private static Handler guarded(Handler handler) {
    return ctx -> {
      try {
        handler.handle(ctx);
      } catch (InvalidFeatureException e) {
        error(ctx, 400, e.getMessage(), e.field());
      } catch (UnknownModelException e) {
        error(ctx, 404, e.getMessage(), null);
      } catch (LagoaException e) {
        int status =
            e.category() == ErrorCategory.USER_INPUT
                ? 400
                : e.category() == ErrorCategory.EXTERNAL ? 503 : 500;
        error(ctx, status, e.getMessage(), null);
      }
    };
  }

  private static void error(Context ctx, int status, String message, String field)
      throws JsonProcessingException {
    ObjectNode body = ModelRegistry.JSON.createObjectNode();
    body.put("error", message);
    if (field != null) {
      body.put("field", field);
    }
    ctx.status(status);
    json(ctx, body);
  }
}

package dev.lagoa.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.auth.AccessControl;
import dev.lagoa.api.auth.AuthRoutes;
import dev.lagoa.api.auth.LoginThrottle;
import dev.lagoa.api.auth.RevokedTokens;
import dev.lagoa.api.auth.SigningKey;
import dev.lagoa.api.auth.TokenService;
import dev.lagoa.api.openapi.ApiDocsPage;
import dev.lagoa.api.openapi.OpenApiDocument;
import dev.lagoa.api.resources.ReadConnections;
import dev.lagoa.api.resources.Resources;
import dev.lagoa.api.resources.TableSnapshots;
import dev.lagoa.api.runs.PipelineLauncher;
import dev.lagoa.api.runs.RefreshRoutes;
import dev.lagoa.api.sql.SafeQueries;
import dev.lagoa.api.sql.SqlRoutes;
import dev.lagoa.api.users.CatalogDatabase;
import dev.lagoa.api.users.User;
import dev.lagoa.api.users.UserStore;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.ApiConfig;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.iceberg.LakeCatalog;
import io.javalin.config.JavalinConfig;
import java.time.Clock;

/**
 * The data API of one project, as a component any Javalin 7 server mounts with {@link
 * #install(JavalinConfig)}: sign-in ({@code /auth/*}), the resources declared in {@code api:} of
 * {@code lagoa.yaml} ({@code /api/v1/*}), the read-only SQL endpoint, {@code /openapi.json} and a
 * browsable {@code /api/docs}. Access control is one before-matched handler ({@link
 * AccessControl}); errors are answered as JSON by {@link ApiError}.
 */
public final class LagoaApi implements AutoCloseable {
  private final ProjectConfig project;
  private final LakeCatalog catalog;
  private final CatalogDatabase database;
  private final UserStore users;
  private final AccessControl accessControl;
  private final AuthRoutes auth;
  private final ReadConnections connections;
  private final Resources resources;
  private final RefreshRoutes refresh;
  private final SafeQueries queries;
  private final ObjectNode openApi;

  private LagoaApi(
      ProjectConfig project,
      LakeCatalog catalog,
      CatalogDatabase database,
      SigningKey key,
      PipelineLauncher launcher,
      Clock clock) {
    ApiConfig api = project.api();
    this.project = project;
    this.catalog = catalog;
    this.database = database;
    this.users = new UserStore(database, clock);
    TokenService tokens = new TokenService(key, api.auth(), clock);
    this.accessControl = new AccessControl(tokens, users);
    this.auth =
        new AuthRoutes(
            users,
            tokens,
            new RevokedTokens(database, clock),
            new LoginThrottle(api.auth(), clock));
    this.connections =
        new ReadConnections(Math.max(4, 2 * Runtime.getRuntime().availableProcessors()));
    this.resources = new Resources(api, new TableSnapshots(catalog, connections), connections);
    this.refresh = new RefreshRoutes(api.resources().values(), launcher);
    this.queries = new SafeQueries(catalog, project.directory(), api.sql());
    this.openApi = OpenApiDocument.of(project.name(), api);
  }

  /**
   * Opens the API of a project: its catalog, the users and revoked tokens in the catalog database,
   * DuckDB connections for reads.
   *
   * @param launcher what {@code POST /api/v1/<resource>/refresh} starts runs with
   */
  public static LagoaApi open(
      ProjectConfig project, SigningKey key, PipelineLauncher launcher, Clock clock) {
    LakeCatalog catalog = LakeCatalog.open(project.catalog());
    try {
      return new LagoaApi(
          project, catalog, CatalogDatabase.open(project.catalog()), key, launcher, clock);
    } catch (RuntimeException e) {
      catalog.close();
      throw e;
    }
  }

  /** Adds the API's routes, access control and error answers to a server's configuration. */
  public void install(JavalinConfig config) {
    config.routes.beforeMatched(accessControl);
    config.routes.exception(ApiError.class, (error, ctx) -> JsonBodies.send(ctx, error));
    config.routes.exception(
        LagoaException.class,
        (error, ctx) ->
            JsonBodies.send(
                ctx,
                switch (error.category()) {
                  case USER_INPUT -> new ApiError(400, "bad_request", "", error.getMessage());
                  case EXTERNAL -> new ApiError(502, "external_failure", "", error.getMessage());
                  case INTERNAL -> new ApiError(500, "internal_error", "", error.getMessage());
                }));
    auth.install(config);
    resources.install(config);
    refresh.install(config);
    new SqlRoutes(queries).install(config);
    config.routes.get("/openapi.json", ctx -> JsonBodies.send(ctx, 200, openApi));
    String page = ApiDocsPage.render(openApi);
    config.routes.get("/api/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
  }

  public ProjectConfig project() {
    return project;
  }

  public UserStore users() {
    return users;
  }

  public LakeCatalog catalog() {
    return catalog;
  }

  /**
   * Signs a user in the way {@code POST /auth/login} does (same throttle, same tokens): for
   * front-ends such as the web console that keep the access token in a cookie.
   *
   * @throws ApiError 401 for a wrong name or password, 429 while too many attempts failed
   */
  public AuthRoutes.SignedIn signIn(String name, String password, String address) {
    return auth.signIn(name, password, address);
  }

  /**
   * The user an access token stands for, checked as every API request's is.
   *
   * @throws ApiError 401 when the token is missing, expired, tampered with or outdated
   */
  public User authenticate(String accessToken) {
    return accessControl.authenticate("Bearer " + accessToken);
  }

  /** The read-only SQL of {@code POST /api/v1/sql}, with its limits. */
  public SafeQueries queries() {
    return queries;
  }

  @Override
  public void close() {
    try (catalog;
        database;
        connections;
        queries) {
      // closes all four, even if one fails
    }
  }
}

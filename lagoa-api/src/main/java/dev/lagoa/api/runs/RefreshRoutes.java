package dev.lagoa.api.runs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.lagoa.api.ApiError;
import dev.lagoa.api.JsonBodies;
import dev.lagoa.api.auth.AccessControl;
import dev.lagoa.api.auth.Role;
import dev.lagoa.api.resources.Resources;
import dev.lagoa.core.config.ApiResource;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import java.util.Collection;

/**
 * {@code POST /api/v1/<resource>/refresh} (admin): starts the project's pipeline and answers 202
 * with the run id and where to poll it, {@code GET /api/v1/<resource>/refresh/{run_id}}.
 */
public final class RefreshRoutes {
  private final Collection<ApiResource> resources;
  private final PipelineLauncher launcher;

  public RefreshRoutes(Collection<ApiResource> resources, PipelineLauncher launcher) {
    this.resources = resources;
    this.launcher = launcher;
  }

  public void install(JavalinConfig config) {
    for (ApiResource resource : resources) {
      if (!resource.refresh()) {
        continue;
      }
      String path = Resources.PREFIX + resource.name() + "/refresh";
      config.routes.post(path, ctx -> start(ctx, resource, path), Role.ADMIN);
      config.routes.get(path + "/{run_id}", this::state, Role.ADMIN);
    }
  }

  private void start(Context ctx, ApiResource resource, String path) {
    RunId id = launcher.start(new RunRequest(resource.name(), AccessControl.user(ctx).name()));
    String poll = path + "/" + id;
    ctx.header("Location", poll);
    JsonBodies.send(
        ctx, 202, JsonBodies.object().put("run_id", id.value()).put("status_url", poll));
  }

  private void state(Context ctx) {
    RunId id = new RunId(ctx.pathParam("run_id"));
    RunState state =
        launcher.state(id).orElseThrow(() -> ApiError.notFound("There is no run " + id));
    ObjectNode body =
        JsonBodies.object()
            .put("run_id", id.value())
            .put("status", state.status().name().toLowerCase(java.util.Locale.ROOT))
            .put("started_at", state.startedAt().toString())
            .put("message", state.message());
    if (state.finishedAt() != null) {
      body.put("finished_at", state.finishedAt().toString());
    }
    JsonBodies.send(ctx, 200, body);
  }
}

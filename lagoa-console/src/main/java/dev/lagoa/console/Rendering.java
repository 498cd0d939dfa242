package dev.lagoa.console;

import dev.lagoa.api.auth.Role;
import dev.lagoa.api.users.User;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders the precompiled templates of {@code src/main/jte} into responses. */
final class Rendering {
  private final TemplateEngine engine = TemplateEngine.createPrecompiled(ContentType.Html);
  private final String project;

  Rendering(String project) {
    this.project = project;
  }

  String project() {
    return project;
  }

  String render(String template, Map<String, Object> parameters) {
    StringOutput out = new StringOutput();
    engine.render(template, parameters, out);
    return out.toString();
  }

  void html(Context ctx, int status, String template, Map<String, Object> parameters) {
    ctx.status(status)
        .contentType("text/html; charset=utf-8")
        .header("Cache-Control", "no-store")
        .result(render(template, parameters));
  }

  /** A page of the console: {@code page} and {@code view} for the template. */
  void page(Context ctx, String template, Page page, Object view) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("page", page);
    parameters.put("view", view);
    html(ctx, 200, template, parameters);
  }

  /** A fragment htmx swaps into a page. */
  void fragment(Context ctx, String template, Object view) {
    html(ctx, 200, template, Map.of("view", view));
  }

  void forbidden(Context ctx, User user, Role needed) {
    Page page = new Page("Not allowed", project, user, "");
    String message =
        "User "
            + user.name()
            + " has role "
            + user.role().label()
            + " but this page needs "
            + needed.label()
            + ".";
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("page", page);
    parameters.put("message", message);
    html(ctx, 403, "message.jte", parameters);
  }
}

package dev.lagoa.console;

import dev.lagoa.core.LagoaException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * The browser libraries and the console's own script and style, served from the jars (no CDN: the
 * console works offline). Only these files, by name; cached for a day.
 */
final class Assets {
  private static final Map<String, String> FILES =
      Map.of(
          "echarts.min.js", "/META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js",
          "htmx.min.js", "/META-INF/resources/webjars/htmx.org/2.0.4/dist/htmx.min.js",
          "console.js", "/dev/lagoa/console/assets/console.js",
          "console.css", "/dev/lagoa/console/assets/console.css");

  private final Map<String, byte[]> contents;

  Assets() {
    this.contents =
        Map.copyOf(
            FILES.entrySet().stream()
                .collect(
                    java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> read(e.getValue()))));
  }

  private static byte[] read(String resource) {
    try (InputStream in = Assets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw LagoaException.internal(
            null, "Cannot serve the console: %s is not on the class path", resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw LagoaException.internal(
          e, "Cannot serve the console: cannot read %s: %s", resource, e.getMessage());
    }
  }

  void serve(Context ctx) {
    String name = ctx.pathParam("file");
    byte[] content = contents.get(name);
    if (content == null) {
      ctx.status(404).result("no such asset: " + name);
      return;
    }
    ctx.contentType(
            name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8")
        .header("Cache-Control", "max-age=86400")
        .result(content);
  }
}

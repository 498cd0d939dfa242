package dev.lagoa.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lagoa.api.auth.Role;
import dev.lagoa.api.auth.SigningKey;
import dev.lagoa.api.runs.BackgroundPipelineLauncher;
import dev.lagoa.core.config.ProjectConfig;
import io.javalin.Javalin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/** A real Javalin on 127.0.0.1 (ephemeral port) with the data API mounted, and a client for it. */
final class ApiServer implements AutoCloseable {
  static final byte[] SECRET =
      "a test secret that is long enough for HS256 signing".getBytes(StandardCharsets.UTF_8);
  static final String PASSWORD = "correct horse battery";

  final LagoaApi api;
  final BackgroundPipelineLauncher launcher;
  final Javalin server;
  final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  ApiServer(BooksProject books, Clock clock) {
    this(books, books.config(), clock);
  }

  ApiServer(BooksProject books, ProjectConfig config, Clock clock) {
    this.launcher = new BackgroundPipelineLauncher(books.directory, books.environment, clock);
    this.api = LagoaApi.open(config, SigningKey.of(SECRET), launcher, clock);
    this.server = Javalin.create(api::install).start("127.0.0.1", 0);
  }

  /** Adds the user unless it exists, with {@link #PASSWORD}. */
  void user(String name, Role role) {
    if (api.users().find(name).isEmpty()) {
      api.users().add(name, role, PASSWORD.toCharArray());
    }
  }

  String login(String name) {
    Response response =
        post(
            "/auth/login",
            null,
            "{\"username\":\"" + name + "\",\"password\":\"" + PASSWORD + "\"}");
    assertThat(response.status()).as(response.body()).isEqualTo(200);
    return response.json().get("access_token").asText();
  }

  URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  Response get(String pathAndQuery, String token, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request.build());
  }

  Response post(String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  record Response(int status, java.net.http.HttpHeaders headers, String body) {
    JsonNode json() {
      try {
        return JsonBodies.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }

  @Override
  public void close() {
    try (api;
        launcher) {
      server.stop();
    }
  }
}

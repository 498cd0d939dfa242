package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.lagoa.testing.data.BovespaGenerator;
import dev.lagoa.testing.data.IbovPortfolio;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;
import java.util.Optional;

/**
 * B3's index portfolio service served on 127.0.0.1, answering with the portfolio of one day that a
 * {@link BovespaGenerator} draws: {@code GetPortfolioDay/<base64 JSON params>} answers the paged
 * JSON of {@link BovespaGenerator#portfolioDayJson}, and {@code GetDownloadPortfolioDay/<base64
 * JSON params>} the ISO-8859-1 CSV of {@link BovespaGenerator#downloadCsv}, itself base64-encoded
 * as the real service sends it. Like the real service, it serves its day whatever day the client is
 * in.
 */
public final class B3Site implements AutoCloseable {
  public static final String PORTFOLIO_PATH = "/indexProxy/indexCall/GetPortfolioDay/";
  public static final String DOWNLOAD_PATH = "/indexProxy/indexCall/GetDownloadPortfolioDay/";

  /** The day {@link #start()} serves: 3 November 2025, whose day and month are easy to swap. */
  public static final LocalDate STANDARD_DATE = LocalDate.of(2025, 11, 3);

  private static final long STANDARD_SEED = 11;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BovespaGenerator generator;
  private final LocalDate date;
  private final FixtureServer server;

  private B3Site(BovespaGenerator generator, LocalDate date) {
    this.generator = requireNonNull(generator, "generator is null");
    this.date = requireNonNull(date, "date is null");
    this.server = FixtureServer.start(this::respond);
  }

  /** Serves the portfolio of {@link #STANDARD_DATE}. */
  public static B3Site start() {
    return new B3Site(new BovespaGenerator(STANDARD_SEED), STANDARD_DATE);
  }

  /** Serves the portfolio {@code generator} draws for {@code date}. */
  public static B3Site start(BovespaGenerator generator, LocalDate date) {
    return new B3Site(generator, date);
  }

  /** The portfolio this site serves. */
  public IbovPortfolio portfolio() {
    return generator.portfolio(date);
  }

  public FixtureServer server() {
    return server;
  }

  public URI baseUri() {
    return server.baseUri();
  }

  /** The download URL for IBOV in pt-br, as B3's page links it. */
  public URI downloadUri() {
    return URI.create(
        baseUri() + DOWNLOAD_PATH + encode("{\"index\":\"IBOV\",\"language\":\"pt-br\"}"));
  }

  public static String encode(String params) {
    return Base64.getEncoder().encodeToString(params.getBytes(StandardCharsets.UTF_8));
  }

  private FixtureResponse respond(FixtureRequest request) {
    String path = request.path();
    if (path.startsWith(PORTFOLIO_PATH)) {
      Optional<JsonNode> params = params(path.substring(PORTFOLIO_PATH.length()));
      if (params.isEmpty()) {
        return badParams();
      }
      int pageNumber = params.get().path("pageNumber").asInt(1);
      int pageSize = params.get().path("pageSize").asInt(BovespaGenerator.DEFAULT_PAGE_SIZE);
      try {
        return FixtureResponse.json(generator.portfolioDayJson(date, pageNumber, pageSize));
      } catch (IllegalArgumentException e) {
        // The generator refuses pages below 1; a client asking for one made a bad request.
        return FixtureResponse.status(400, "Bad request: " + e.getMessage());
      }
    }
    if (path.startsWith(DOWNLOAD_PATH)) {
      if (params(path.substring(DOWNLOAD_PATH.length())).isEmpty()) {
        return badParams();
      }
      return FixtureResponse.text(
          Base64.getEncoder().encodeToString(generator.downloadCsv(date)),
          StandardCharsets.US_ASCII);
    }
    return FixtureResponse.notFound(path);
  }

  private static FixtureResponse badParams() {
    return FixtureResponse.status(400, "Bad request: the path must end in base64-encoded JSON");
  }

  /** The JSON object {@code encoded} holds, if it is base64 of a JSON object. */
  private static Optional<JsonNode> params(String encoded) {
    try {
      JsonNode node = JSON.readTree(Base64.getDecoder().decode(encoded));
      return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public void close() {
    server.close();
  }
}

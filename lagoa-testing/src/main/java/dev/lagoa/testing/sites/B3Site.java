package dev.lagoa.testing.sites;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * B3's index portfolio service served on 127.0.0.1, in the real service's shapes: {@code
 * GetPortfolioDay/<base64 JSON params>} answers a paged envelope ({@code page}, {@code header} with
 * the date as dd/mm/yy, {@code results}) with pt-BR number strings, and {@code
 * GetDownloadPortfolioDay/<base64 JSON params>} answers the CSV download, ISO-8859-1 and
 * ;-separated, itself base64-encoded as the real service sends it.
 */
public final class B3Site implements AutoCloseable {
  public static final String PORTFOLIO_PATH = "/indexProxy/indexCall/GetPortfolioDay/";
  public static final String DOWNLOAD_PATH = "/indexProxy/indexCall/GetDownloadPortfolioDay/";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final B3Portfolio portfolio;
  private final FixtureServer server;

  private B3Site(B3Portfolio portfolio) {
    this.portfolio = portfolio;
    this.server = FixtureServer.start(this::respond);
  }

  public static B3Site start() {
    return new B3Site(B3Portfolio.standard());
  }

  public static B3Site start(B3Portfolio portfolio) {
    return new B3Site(portfolio);
  }

  public B3Portfolio portfolio() {
    return portfolio;
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
      JsonNode params = params(path.substring(PORTFOLIO_PATH.length()));
      if (params == null) {
        return FixtureResponse.status(400, "Bad request: the path must end in base64-encoded JSON");
      }
      return FixtureResponse.json(
          portfolioPage(params.path("pageNumber").asInt(1), params.path("pageSize").asInt(20)));
    }
    if (path.startsWith(DOWNLOAD_PATH)) {
      if (params(path.substring(DOWNLOAD_PATH.length())) == null) {
        return FixtureResponse.status(400, "Bad request: the path must end in base64-encoded JSON");
      }
      byte[] csv = downloadCsv().getBytes(StandardCharsets.ISO_8859_1);
      return FixtureResponse.text(
          Base64.getEncoder().encodeToString(csv), StandardCharsets.US_ASCII);
    }
    return FixtureResponse.notFound(path);
  }

  private static JsonNode params(String encoded) {
    try {
      JsonNode node = JSON.readTree(Base64.getDecoder().decode(encoded));
      return node != null && node.isObject() ? node : null;
    } catch (IllegalArgumentException | java.io.IOException e) {
      return null;
    }
  }

  String portfolioPage(int pageNumber, int pageSize) {
    List<B3Asset> assets = portfolio.assets();
    int totalPages = (assets.size() + pageSize - 1) / pageSize;
    ObjectNode root = JSON.createObjectNode();
    ObjectNode page = root.putObject("page");
    page.put("pageNumber", pageNumber);
    page.put("pageSize", pageSize);
    page.put("totalRecords", assets.size());
    page.put("totalPages", totalPages);
    ObjectNode header = root.putObject("header");
    header.put("date", PtBr.shortDate(portfolio.date()));
    header.put("text", "Quantidade Teórica Total");
    header.put("part", "100,000");
    header.putNull("partAcum");
    header.put("textReductor", "Redutor");
    header.put("reductor", PtBr.decimal(portfolio.reductor()));
    header.put("theoricalQty", PtBr.integer(portfolio.theoreticalTotal()));
    ArrayNode results = root.putArray("results");
    int from = (pageNumber - 1) * pageSize;
    for (int i = Math.max(0, from); i < Math.min(assets.size(), from + pageSize); i++) {
      B3Asset asset = assets.get(i);
      ObjectNode row = results.addObject();
      row.putNull("segment");
      row.put("cod", asset.code());
      row.put("asset", asset.name());
      row.put("type", asset.type());
      row.put("part", PtBr.decimal(asset.participation()));
      row.putNull("partAcum");
      row.put("theoricalQty", PtBr.integer(asset.theoreticalQuantity()));
    }
    try {
      return JSON.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write fixture JSON: " + e.getMessage(), e);
    }
  }

  /**
   * The download: a title line, the header, one line a stock (each ending in ;), two footer lines.
   */
  String downloadCsv() {
    StringBuilder csv = new StringBuilder();
    csv.append("IBOV - Carteira do Dia ").append(PtBr.shortDate(portfolio.date())).append("\r\n");
    csv.append("Código;Ação;Tipo;Qtde. Teórica;Part. (%);\r\n");
    for (B3Asset asset : portfolio.assets()) {
      csv.append(asset.code())
          .append(';')
          .append(asset.name())
          .append(';')
          .append(asset.type())
          .append(';')
          .append(PtBr.integer(asset.theoreticalQuantity()))
          .append(';')
          .append(PtBr.decimal(asset.participation()))
          .append(";\r\n");
    }
    csv.append("Quantidade Teórica Total;")
        .append(PtBr.integer(portfolio.theoreticalTotal()))
        .append(";;;\r\n");
    csv.append("Redutor;").append(PtBr.decimal(portfolio.reductor())).append(";;;\r\n");
    return csv.toString();
  }

  @Override
  public void close() {
    server.close();
  }
}

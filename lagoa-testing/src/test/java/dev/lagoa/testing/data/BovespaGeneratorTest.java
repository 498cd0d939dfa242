package dev.lagoa.testing.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BovespaGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final LocalDate DAY = LocalDate.of(2025, 10, 29);
  private static final String PT_BR_INTEGER = "\\d{1,3}(\\.\\d{3})*";

  @TempDir Path dir;

  @Test
  void aPortfolioHoldsAbout85DistinctAssetsWhoseParticipationsSumTo100() {
    IbovPortfolio portfolio = new BovespaGenerator(1).portfolio(DAY);

    assertThat(portfolio.assets()).hasSizeBetween(80, 90);
    assertThat(portfolio.assets().stream().map(IbovAsset::cod))
        .doesNotHaveDuplicates()
        .allMatch(cod -> cod.matches("[A-Z0-9]{4}\\d{1,2}"))
        .contains("PETR4", "VALE3", "ITSA4");
    assertThat(
            portfolio.assets().stream()
                .map(IbovAsset::part)
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("100.000");
    assertThat(portfolio.assets()).allMatch(asset -> asset.part().signum() > 0);
    assertThat(portfolio.theoricalQty())
        .isEqualTo(portfolio.assets().stream().mapToLong(IbovAsset::theoricalQty).sum());
    Map<String, BigDecimal> perSegment = new HashMap<>();
    for (IbovAsset asset : portfolio.assets()) {
      BigDecimal accumulated = perSegment.merge(asset.segment(), asset.part(), BigDecimal::add);
      assertThat(asset.partAcum()).isEqualByComparingTo(accumulated);
    }
    assertThat(perSegment).containsKeys("Financeiro e Outros", "Materiais Básicos");
  }

  @Test
  void theJsonApiIsPagedLikeGetPortfolioDayWithPtBrNumberStrings() throws IOException {
    BovespaGenerator generator = new BovespaGenerator(2);

    List<Path> files = generator.writePortfolioDayJson(dir, DAY, 20);

    assertThat(files).hasSize(5);
    assertThat(files.get(0).getFileName())
        .hasToString("GetPortfolioDay_IBOV_2025-10-29_page1.json");
    List<JsonNode> results = new ArrayList<>();
    List<Integer> pageSizes = new ArrayList<>();
    JsonNode header = null;
    for (int page = 1; page <= files.size(); page++) {
      JsonNode response = MAPPER.readTree(files.get(page - 1).toFile());
      assertThat(fieldNames(response)).containsExactly("page", "header", "results");
      JsonNode paging = response.get("page");
      assertThat(paging.get("pageNumber").asInt()).isEqualTo(page);
      assertThat(paging.get("pageSize").asInt()).isEqualTo(20);
      assertThat(paging.get("totalRecords").asInt()).isEqualTo(86);
      assertThat(paging.get("totalPages").asInt()).isEqualTo(5);
      header = response.get("header");
      pageSizes.add(response.get("results").size());
      response.get("results").forEach(results::add);
    }

    assertThat(pageSizes).containsExactly(20, 20, 20, 20, 6);
    assertThat(fieldNames(header))
        .containsExactly(
            "date", "text", "part", "partAcum", "textReductor", "reductor", "theoricalQty");
    assertThat(header.get("date").asText()).isEqualTo("29/10/25");
    assertThat(header.get("text").asText()).isEqualTo("Quantidade Teórica Total");
    assertThat(header.get("part").asText()).isEqualTo("100,000");
    assertThat(header.get("partAcum").isNull()).isTrue();
    assertThat(header.get("reductor").asText()).matches(PT_BR_INTEGER + ",\\d{8}");
    assertThat(header.get("theoricalQty").asText()).matches(PT_BR_INTEGER);
    assertThat(results.stream().map(r -> r.get("cod").asText()).distinct()).hasSize(86);
    for (JsonNode result : results) {
      assertThat(fieldNames(result))
          .containsExactly("segment", "cod", "asset", "type", "part", "partAcum", "theoricalQty");
      assertThat(result.get("part").asText()).matches("\\d{1,2},\\d{3}");
      assertThat(result.get("partAcum").asText()).matches("\\d{1,3},\\d{3}");
      assertThat(result.get("theoricalQty").asText()).matches(PT_BR_INTEGER);
    }
    assertThat(
            results.stream()
                .map(r -> ptBr(r.get("part").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("100");
    assertThat(
            results.stream()
                .map(r -> ptBr(r.get("theoricalQty").asText()))
                .reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo(ptBr(header.get("theoricalQty").asText()));
    assertThat(MAPPER.readTree(generator.portfolioDayJson(DAY, 6, 20)).get("results")).isEmpty();
  }

  @Test
  void theDownloadCsvIsLatin1SemicolonSeparatedWithTitleHeaderAndFooter() throws IOException {
    Path file = new BovespaGenerator(3).writeDownloadCsv(dir, DAY);
    byte[] bytes = Files.readAllBytes(file);

    assertThat(file.getFileName()).hasToString("IBOVDia_29-10-25.csv");
    assertThatThrownBy(() -> StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)))
        .isInstanceOf(CharacterCodingException.class);
    assertThat(indexOf(bytes, "ITA\u00DASA".getBytes(StandardCharsets.ISO_8859_1))).isPositive();
    List<String> lines = new String(bytes, StandardCharsets.ISO_8859_1).lines().toList();
    assertThat(lines.get(0)).isEqualTo("IBOV - Carteira do Dia 29/10/25");
    assertThat(lines.get(1)).isEqualTo("Código;Ação;Tipo;Qtde. Teórica;Part. (%)");

    List<String> rows = lines.subList(2, lines.size() - 2);
    assertThat(rows).hasSize(86).allMatch(row -> row.endsWith(";"));
    List<String[]> fields = rows.stream().map(row -> row.split(";", -1)).toList();
    assertThat(fields)
        .allSatisfy(
            row -> {
              assertThat(row).hasSize(6);
              assertThat(row[3]).matches(PT_BR_INTEGER);
              assertThat(row[4]).matches("\\d{1,2},\\d{3}");
              assertThat(row[5]).isEmpty();
            });
    List<String> names = fields.stream().map(row -> row[1]).toList();
    assertThat(names).isSorted();
    assertThat(rows).anyMatch(row -> row.matches("ITSA4;ITAÚSA;PN {6}N1;[\\d.]+;\\d+,\\d{3};"));
    BigDecimal quantities =
        fields.stream().map(row -> ptBr(row[3])).reduce(BigDecimal.ZERO, BigDecimal::add);
    assertThat(fields.stream().map(row -> ptBr(row[4])).reduce(BigDecimal.ZERO, BigDecimal::add))
        .isEqualByComparingTo("100");
    assertThat(lines.get(lines.size() - 2))
        .isEqualTo("Quantidade Teórica Total;;;" + ptBrInteger(quantities) + ";100,000");
    assertThat(lines.get(lines.size() - 1)).matches("Redutor;;;" + PT_BR_INTEGER + ",\\d{8}");
  }

  @Test
  void theJsonAndTheCsvOfADayAgree() throws IOException {
    BovespaGenerator generator = new BovespaGenerator(4);
    Map<String, String> fromCsv = new LinkedHashMap<>();
    List<String> lines =
        new String(generator.downloadCsv(DAY), StandardCharsets.ISO_8859_1).lines().toList();
    for (String row : lines.subList(2, lines.size() - 2)) {
      String[] fields = row.split(";");
      fromCsv.put(fields[0], fields[1] + "|" + fields[2] + "|" + fields[3] + "|" + fields[4]);
    }
    Map<String, String> fromJson = new LinkedHashMap<>();
    for (JsonNode result :
        MAPPER.readTree(generator.portfolioDayJson(DAY, 1, 200)).get("results")) {
      fromJson.put(
          result.get("cod").asText(),
          result.get("asset").asText()
              + "|"
              + result.get("type").asText()
              + "|"
              + result.get("theoricalQty").asText()
              + "|"
              + result.get("part").asText());
    }

    assertThat(fromJson).isEqualTo(fromCsv);
  }

  @Test
  void quantitiesHoldUntilTheNextRebalancingWhileParticipationsMoveDaily() {
    BovespaGenerator generator = new BovespaGenerator(5);
    IbovPortfolio monday = generator.portfolio(LocalDate.of(2025, 10, 27));
    IbovPortfolio tuesday = generator.portfolio(LocalDate.of(2025, 10, 28));
    IbovPortfolio january = generator.portfolio(LocalDate.of(2026, 1, 5));

    assertThat(generator.portfolio(LocalDate.of(2025, 10, 27))).isEqualTo(monday);
    assertThat(quantities(tuesday)).isEqualTo(quantities(monday));
    assertThat(tuesday.reductor()).isEqualTo(monday.reductor());
    assertThat(parts(tuesday)).isNotEqualTo(parts(monday));
    assertThat(quantities(january).keySet()).isEqualTo(quantities(monday).keySet());
    assertThat(quantities(january)).isNotEqualTo(quantities(monday));
    assertThat(new BovespaGenerator(6).portfolio(LocalDate.of(2025, 10, 27))).isNotEqualTo(monday);
  }

  private static Map<String, Long> quantities(IbovPortfolio portfolio) {
    return portfolio.assets().stream()
        .collect(Collectors.toMap(IbovAsset::cod, IbovAsset::theoricalQty));
  }

  private static Map<String, BigDecimal> parts(IbovPortfolio portfolio) {
    return portfolio.assets().stream().collect(Collectors.toMap(IbovAsset::cod, IbovAsset::part));
  }

  private static BigDecimal ptBr(String number) {
    return new BigDecimal(number.replace(".", "").replace(',', '.'));
  }

  private static String ptBrInteger(BigDecimal value) {
    return String.format(java.util.Locale.ROOT, "%,d", value.longValueExact()).replace(',', '.');
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
        return i;
      }
    }
    return -1;
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

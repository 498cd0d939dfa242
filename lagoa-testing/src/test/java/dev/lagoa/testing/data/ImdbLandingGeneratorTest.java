package dev.lagoa.testing.data;

import static dev.lagoa.testing.data.CarTelemetryGeneratorTest.gunzip;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImdbLandingGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void eachRunIsOneFileNamedAfterItsUtcStart() {
    ImdbLandingGenerator generator = new ImdbLandingGenerator(1);

    Path first = generator.writeRun(dir, 0, 10);
    Path third = generator.writeRun(dir, 2, 10);

    assertThat(first.getFileName()).hasToString("imdb_titles_20251029T110000Z.jsonl.gz");
    assertThat(third.getFileName()).hasToString("imdb_titles_20251029T130000Z.jsonl.gz");
  }

  @Test
  void rowsHaveTheScrapersFieldsWithNumbersAsNumbers() throws IOException {
    ImdbLandingGenerator generator = new ImdbLandingGenerator(2);
    Instant runAt = generator.runAt(1);

    List<JsonNode> rows = read(generator.writeRun(dir, 1, 120));

    assertThat(rows).hasSize(120);
    for (int k = 0; k < rows.size(); k++) {
      JsonNode row = rows.get(k);
      assertThat(fieldNames(row))
          .containsExactly("title", "year", "rating", "page", "source_url", "scraped_at_utc");
      assertThat(row.get("title").asText()).isNotBlank();
      assertThat(row.get("year").isInt()).isTrue();
      assertThat(row.get("year").asInt()).isBetween(1900, 2025);
      assertThat(row.get("rating").isDouble()).isTrue();
      assertThat(row.get("rating").asText()).matches("\\d\\.\\d");
      int page = k / 50 + 1;
      assertThat(row.get("page").asInt()).isEqualTo(page);
      assertThat(row.get("source_url").asText())
          .isEqualTo("https://www.imdb.com/chart/top/?page=" + page);
      String scrapedAt = row.get("scraped_at_utc").asText();
      assertThat(scrapedAt).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
      assertThat(Instant.parse(scrapedAt)).isBetween(runAt, runAt.plus(Duration.ofMinutes(59)));
    }
    assertThat(rows.get(119).get("page").asInt()).isEqualTo(3);
  }

  @Test
  void theSameSeedWritesTheSameRowsAndTitlesDoNotDependOnTheRun() throws IOException {
    List<JsonNode> first = read(new ImdbLandingGenerator(3).writeRun(dir.resolve("a"), 0, 60));
    List<JsonNode> again = read(new ImdbLandingGenerator(3).writeRun(dir.resolve("b"), 0, 60));
    List<JsonNode> later = read(new ImdbLandingGenerator(3).writeRun(dir.resolve("c"), 5, 60));
    List<JsonNode> other = read(new ImdbLandingGenerator(4).writeRun(dir.resolve("d"), 0, 60));

    assertThat(again).isEqualTo(first);
    assertThat(titles(later)).isEqualTo(titles(first));
    assertThat(later.get(0).get("scraped_at_utc").asText()).isEqualTo("2025-10-29T16:00:00Z");
    assertThat(titles(other)).isNotEqualTo(titles(first));
  }

  @Test
  void theFileHoldsTheTitlesTheGeneratorReturns() throws IOException {
    ImdbLandingGenerator generator = new ImdbLandingGenerator(5);
    List<ImdbTitle> expected = generator.titles(3, 25);

    List<JsonNode> rows = read(generator.writeRun(dir, 3, 25));

    for (int k = 0; k < rows.size(); k++) {
      assertThat(rows.get(k).get("title").asText()).isEqualTo(expected.get(k).title());
      assertThat(rows.get(k).get("rating").asDouble()).isEqualTo(expected.get(k).rating());
      assertThat(Instant.parse(rows.get(k).get("scraped_at_utc").asText()))
          .isEqualTo(expected.get(k).scrapedAtUtc());
    }
  }

  @Test
  void anEvolvedRunAddsVotesAndCarriesOneRatingThatIsNotANumber() throws IOException {
    List<JsonNode> rows = read(new ImdbLandingGenerator(6).writeEvolvedRun(dir, 4, 30));

    assertThat(rows).hasSize(30);
    assertThat(rows).allSatisfy(row -> assertThat(row.get("votes").isIntegralNumber()).isTrue());
    assertThat(fieldNames(rows.get(0))).endsWith("scraped_at_utc", "votes");
    assertThat(rows.subList(0, 29))
        .allSatisfy(row -> assertThat(row.get("rating").isNumber()).isTrue());
    assertThat(rows.get(29).get("rating").isTextual()).isTrue();
    assertThat(rows.get(29).get("rating").asText()).isEqualTo("N/A");
  }

  private static List<JsonNode> read(Path file) throws IOException {
    List<JsonNode> rows = new ArrayList<>();
    for (String line : gunzip(file).lines().toList()) {
      rows.add(MAPPER.readTree(line));
    }
    return rows;
  }

  private static List<String> titles(List<JsonNode> rows) {
    return rows.stream().map(row -> row.get("title").asText()).toList();
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}

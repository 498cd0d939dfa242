package dev.lagoa.testing.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CarTelemetryGeneratorTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final DateTimeFormatter SOURCE_TIMESTAMP =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ENGLISH);

  @TempDir Path dir;

  @Test
  void theSameSeedWritesTheSameFilesAndAnotherSeedDoesNot() throws IOException {
    List<Path> first = new CarTelemetryGenerator(7, 4, 2).writeOnePerFile(dir.resolve("a"), 40);
    List<Path> again = new CarTelemetryGenerator(7, 4, 2).writeOnePerFile(dir.resolve("b"), 40);
    List<Path> other = new CarTelemetryGenerator(8, 4, 2).writeOnePerFile(dir.resolve("c"), 40);

    assertThat(first).hasSize(40);
    for (int i = 0; i < first.size(); i++) {
      assertThat(again.get(i).getFileName()).isEqualTo(first.get(i).getFileName());
      assertThat(Files.readAllBytes(again.get(i))).isEqualTo(Files.readAllBytes(first.get(i)));
    }
    assertThat(fileNames(other)).doesNotContainAnyElementsOf(fileNames(first));
  }

  @Test
  void documentsCarryTheFieldsOfTheOriginalSource() throws IOException {
    CarTelemetryGenerator generator = new CarTelemetryGenerator(1, 3, 1);
    CarReading expected = generator.readings(1).findFirst().orElseThrow();
    Path file = generator.writeOnePerFile(dir, 1).get(0);

    JsonNode document = MAPPER.readTree(file.toFile());

    assertThat(fieldNames(document))
        .containsExactly(
            "carChassis",
            "Model",
            "year",
            "ModelYear",
            "Manufacturer",
            "horsePower",
            "gasType",
            "currentMileage",
            "color",
            "fuelCapacityLiters",
            "metrics",
            "carInsurance",
            "market");
    assertThat(fieldNames(document.get("metrics")))
        .containsExactly(
            "engineTempCelsius",
            "oilTempCelsius",
            "batteryChargePerc",
            "fuelAvailableLiters",
            "coolantCelsius",
            "metricTimestamp",
            "trip");
    assertThat(fieldNames(document.get("metrics").get("trip")))
        .containsExactly(
            "tripMileage",
            "tripTimeMinutes",
            "tripFuelLiters",
            "tripMaxSpeedKm",
            "tripAverageSpeedKm",
            "tripStartTimestamp");
    assertThat(fieldNames(document.get("carInsurance")))
        .containsExactly("number", "provider", "validUntil");
    assertThat(fieldNames(document.get("market")))
        .containsExactly(
            "currentPrice", "currency", "location", "dealer", "warrantyYears", "evaluator");

    String manufacturer = document.get("Manufacturer").asText();
    assertThat(manufacturer).isNotEmpty().isEqualTo(manufacturer.toLowerCase(Locale.ROOT));
    assertThat(file.getFileName().toString())
        .isEqualTo(
            document.get("carChassis").asText()
                + "_"
                + DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")
                    .format(expected.metrics().metricTimestamp())
                + ".json")
        .startsWith(expected.carChassis() + "_20251027T");
    String metricTimestamp = document.get("metrics").get("metricTimestamp").asText();
    assertThat(metricTimestamp)
        .matches("(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \\d\\d [A-Z][a-z]{2} 2025 \\d\\d:\\d\\d:\\d\\d");
    // Parsing checks the day name against the date, so a wrong weekday fails here.
    assertThat(LocalDateTime.parse(metricTimestamp, SOURCE_TIMESTAMP))
        .isEqualTo(expected.metrics().metricTimestamp());
    LocalDateTime tripStart =
        LocalDateTime.parse(
            document.get("metrics").get("trip").get("tripStartTimestamp").asText(),
            SOURCE_TIMESTAMP);
    assertThat(tripStart).isBefore(expected.metrics().metricTimestamp());
    assertThat(LocalDate.parse(document.get("carInsurance").get("validUntil").asText()))
        .isAfter(LocalDate.of(2025, 12, 31));
  }

  @Test
  void mileageRisesForEveryCarAndEachCarReportsSeveralTimesADay() throws IOException {
    CarTelemetryGenerator generator = new CarTelemetryGenerator(3, 5, 3);

    List<Path> files = generator.writeOnePerFile(dir, 90);

    List<JsonNode> documents = new ArrayList<>();
    for (Path file : files) {
      documents.add(MAPPER.readTree(file.toFile()));
    }
    Map<String, List<JsonNode>> byCar =
        documents.stream().collect(Collectors.groupingBy(d -> d.get("carChassis").asText()));
    assertThat(byCar.keySet()).containsExactlyInAnyOrderElementsOf(generator.chassisIds());
    for (List<JsonNode> readings : byCar.values()) {
      readings.sort(Comparator.comparing(CarTelemetryGeneratorTest::metricTime));
      for (int i = 1; i < readings.size(); i++) {
        assertThat(readings.get(i).get("currentMileage").asDouble())
            .isGreaterThan(readings.get(i - 1).get("currentMileage").asDouble());
      }
      Map<LocalDate, Long> perDay =
          readings.stream()
              .collect(
                  Collectors.groupingBy(d -> metricTime(d).toLocalDate(), Collectors.counting()));
      assertThat(perDay).hasSize(3);
      assertThat(perDay.values()).allSatisfy(count -> assertThat(count).isGreaterThanOrEqualTo(2));
    }
  }

  @Test
  void theSameFieldArrivesAsAJsonIntegerInSomeDocumentsAndAsAFloatInOthers() throws IOException {
    List<Path> files = new CarTelemetryGenerator(5, 4, 2).writeOnePerFile(dir, 40);

    List<JsonNode> temperatures = new ArrayList<>();
    List<String> texts = new ArrayList<>();
    for (Path file : files) {
      temperatures.add(MAPPER.readTree(file.toFile()).get("metrics").get("engineTempCelsius"));
      texts.add(Files.readString(file));
    }

    assertThat(temperatures).anyMatch(JsonNode::isIntegralNumber);
    assertThat(temperatures).anyMatch(JsonNode::isFloatingPointNumber);
    assertThat(texts).anyMatch(text -> text.matches("(?s).*\"engineTempCelsius\" : \\d+,.*"));
    assertThat(texts).anyMatch(text -> text.matches("(?s).*\"engineTempCelsius\" : \\d+\\.0,.*"));
  }

  @Test
  void chassisIdsAreStableForASeedWhateverTheFleetSizeOrSpan() {
    List<String> small = new CarTelemetryGenerator(11, 3, 1).chassisIds();
    List<String> large = new CarTelemetryGenerator(11, 50, 7).chassisIds();

    assertThat(large.subList(0, 3)).isEqualTo(small);
    assertThat(large).doesNotHaveDuplicates();
    assertThat(large).allMatch(id -> id.matches("[0-9A-HJ-NPR-Z]{17}"));
    assertThat(new CarTelemetryGenerator(12, 3, 1).chassisIds()).isNotEqualTo(small);
  }

  @Test
  void aReadingForAChosenCarKeepsItsMileageAndTime() throws IOException {
    CarTelemetryGenerator generator = new CarTelemetryGenerator(2, 3, 1);
    String car = generator.chassisIds().get(1);
    CarReading morning = generator.reading(car, 4321, LocalDateTime.of(2025, 10, 29, 8, 15));
    CarReading evening = generator.reading(car, 8500, LocalDateTime.of(2025, 10, 29, 17, 40, 5));

    List<Path> files = generator.writeOnePerFile(dir, List.of(morning, evening));

    JsonNode first = MAPPER.readTree(files.get(0).toFile());
    JsonNode second = MAPPER.readTree(files.get(1).toFile());
    assertThat(first.get("carChassis").asText()).isEqualTo(car);
    assertThat(second.get("carChassis").asText()).isEqualTo(car);
    assertThat(first.get("currentMileage").asDouble()).isEqualTo(4321.0);
    assertThat(second.get("currentMileage").asDouble()).isEqualTo(8500.0);
    assertThat(first.get("metrics").get("metricTimestamp").asText())
        .isEqualTo("Wed, 29 Oct 2025 08:15:00");
    assertThat(second.get("metrics").get("metricTimestamp").asText())
        .isEqualTo("Wed, 29 Oct 2025 17:40:05");
    assertThatThrownBy(() -> generator.reading("NOT-A-CAR", 1, LocalDateTime.now()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "Cannot make a reading for car NOT-A-CAR: it is not one of the 3 cars of seed 2");
  }

  @Test
  void gzipNdjsonFilesHoldTheRequestedReadingsOneCompactDocumentPerLine() throws IOException {
    CarTelemetryGenerator generator = new CarTelemetryGenerator(9, 20, 2);
    List<CarReading> expected = generator.readings(600).toList();

    List<Path> files = generator.writeNdjsonGz(dir, 3, 200);

    assertThat(fileNames(files))
        .containsExactly(
            "car_telemetry_00000.jsonl.gz",
            "car_telemetry_00001.jsonl.gz",
            "car_telemetry_00002.jsonl.gz");
    int index = 0;
    for (Path file : files) {
      String text = gunzip(file);
      assertThat(text).endsWith("}\n");
      List<String> lines = text.lines().toList();
      assertThat(lines).hasSize(200);
      for (String line : lines) {
        assertThat(line).startsWith("{\"carChassis\":\"").endsWith("}");
        JsonNode document = MAPPER.readTree(line);
        CarReading reading = expected.get(index++);
        assertThat(document.get("carChassis").asText()).isEqualTo(reading.carChassis());
        assertThat(document.get("currentMileage").asDouble()).isEqualTo(reading.currentMileage());
        assertThat(metricTime(document)).isEqualTo(reading.metrics().metricTimestamp());
      }
    }
    assertThat(index).isEqualTo(600);
  }

  @Test
  void badFilesAreReallyBad() throws IOException {
    BadCarFiles bad = new CarTelemetryGenerator(4, 3, 1).writeBadFiles(dir);

    assertThat(bad.all()).allMatch(Files::isRegularFile);
    assertThatThrownBy(() -> MAPPER.readTree(bad.malformedDocument().toFile()))
        .isInstanceOf(JsonProcessingException.class);

    List<String> lines = gunzip(bad.malformedLine()).lines().toList();
    assertThat(lines).hasSize(3);
    assertThat(MAPPER.readTree(lines.get(0)).get("carChassis").isTextual()).isTrue();
    assertThat(MAPPER.readTree(lines.get(2)).get("carChassis").isTextual()).isTrue();
    assertThatThrownBy(() -> MAPPER.readTree(lines.get(BadCarFiles.MALFORMED_LINE - 1)))
        .isInstanceOf(JsonProcessingException.class);

    JsonNode wrongType = MAPPER.readTree(bad.wrongType().toFile());
    assertThat(wrongType.get("metrics").get("engineTempCelsius").isTextual()).isTrue();
    assertThat(wrongType.get("metrics").get("engineTempCelsius").asText()).isEqualTo("hot");
    assertThat(wrongType.get("metrics").get("oilTempCelsius").isNumber()).isTrue();

    assertThat(Files.size(bad.empty())).isZero();

    assertThat(Files.size(bad.truncatedGzip())).isPositive();
    assertThatThrownBy(() -> gunzip(bad.truncatedGzip())).isInstanceOf(EOFException.class);
  }

  @Test
  void writingOverAnExistingFileFails() {
    CarTelemetryGenerator generator = new CarTelemetryGenerator(6, 2, 1);
    List<Path> files = generator.writeOnePerFile(dir, 4);

    assertThatThrownBy(() -> generator.writeOnePerFile(dir, 4))
        .isInstanceOf(UncheckedIOException.class)
        .hasMessage("Cannot write " + files.get(0) + ": the file already exists");
  }

  private static LocalDateTime metricTime(JsonNode document) {
    return LocalDateTime.parse(
        document.get("metrics").get("metricTimestamp").asText(), SOURCE_TIMESTAMP);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> iterator = node.fieldNames();
    iterator.forEachRemaining(names::add);
    return names;
  }

  private static List<String> fileNames(List<Path> files) {
    return files.stream().map(file -> file.getFileName().toString()).toList();
  }

  static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

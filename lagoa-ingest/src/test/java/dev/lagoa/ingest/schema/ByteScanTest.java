package dev.lagoa.ingest.schema;

import static org.apache.iceberg.types.Types.NestedField.optional;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.iceberg.types.Types;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The byte scan is the loader's first check and may only ever say "fits" where the token check
 * ({@link StreamingCheck}) says so too: otherwise a record would be staged that DuckDB or the
 * schema policy should have seen differently.
 */
class ByteScanTest {
  private static final Shape SHAPE =
      Shape.of(
          Types.StructType.of(
              optional(1, "id", Types.LongType.get()),
              optional(2, "price", Types.DoubleType.get()),
              optional(3, "name", Types.StringType.get()),
              optional(4, "ok", Types.BooleanType.get()),
              optional(5, "tags", Types.ListType.ofOptional(6, Types.StringType.get())),
              optional(
                  7,
                  "metrics",
                  Types.StructType.of(
                      optional(8, "temp", Types.DoubleType.get()),
                      optional(9, "at", Types.StringType.get()))),
              optional(10, "day", Types.DateType.get())));

  private static final String PLAIN =
      "{\"id\":42,\"price\":-12.50,\"name\":\"S\u00e3o \\\"Paulo\\\"\",\"ok\":true,"
          + "\"tags\":[\"a\",null,\"b\"],\"metrics\":{\"temp\":96,\"at\":\"Mon, 27 Oct\"},"
          + "\"day\":null}";

  private static boolean scan(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return ByteScan.fits(bytes, bytes.length, SHAPE);
  }

  private static boolean tokens(String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return StreamingCheck.fits(bytes, bytes.length, SHAPE);
  }

  @Test
  void aPlainRecordOfKnownFieldsFitsOnTheByteScanAlone() {
    assertThat(scan(PLAIN)).isTrue();
    assertThat(scan(" { \"id\" : 1 , \"tags\" : [ ] , \"metrics\" : { } }\r")).isTrue();
    assertThat(tokens(PLAIN)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"id\":1,\"id\":2}", // a repeated key
        "{\"id\":1,\"id\":null}",
        "{\"other\":null}", // an unknown key, even when null
        "{\"id\":01}", // a leading zero
        "{\"id\":1.5}", // a decimal for a long
        "{\"id\":1234567890123456789}", // 19 digits
        "{\"price\":1e5}", // an exponent
        "{\"price\":1234567890123456}", // 16 digits may not be exact in a double
        "{\"price\":1.}",
        "{\"name\":\"\\u00e9\"}", // a \\u escape
        "{\"name\":\"\\x\"}",
        "{\"name\":\"a\tb\"}", // an unescaped control character
        "{\"n\\u0061me\":\"a\"}", // an escaped key
        "{\"ok\":truex}",
        "{\"ok\":1}",
        "{\"id\":1,}", // a trailing comma
        "{\"id\":1} x", // something after the record
        "{\"id\":1}{}",
        "{\"tags\":[\"a\",]}",
        "{\"tags\":[1]}",
        "{\"metrics\":[]}",
        "{\"day\":\"2025-01-01\"}", // a type the token check leaves to the slow path
        "[1]",
        "{\"id\":1",
        "{\"name\":\"open}",
      })
  void whatTheByteScanIsNotSureOfIsLeftToTheTokenCheck(String json) {
    assertThat(scan(json)).isFalse();
  }

  @Test
  void everyMutationOfARecordThatTheByteScanAcceptsTheTokenCheckAcceptsToo() {
    Random random = new Random(20261129L);
    String alphabet = "{}[]\":,.-+eE0123456789 \\/ntrufalsx\u00e9\t";
    int accepted = 0;
    for (int round = 0; round < 20_000; round++) {
      StringBuilder json = new StringBuilder(PLAIN);
      int edits = 1 + random.nextInt(3);
      for (int e = 0; e < edits; e++) {
        int at = random.nextInt(json.length() + 1);
        char c = alphabet.charAt(random.nextInt(alphabet.length()));
        switch (random.nextInt(3)) {
          case 0 -> json.insert(at, c);
          case 1 -> json.deleteCharAt(Math.min(at, json.length() - 1));
          default -> json.setCharAt(Math.min(at, json.length() - 1), c);
        }
      }
      String mutated = json.toString();
      if (scan(mutated)) {
        accepted++;
        assertThat(tokens(mutated)).as(mutated).isTrue();
      }
    }
    // The mutations must reach both answers for the property to mean anything.
    assertThat(accepted).isBetween(100, 19_900);
  }

  @Test
  void keysInTheOrderOfTheRecordBeforeAreStillCheckedForRepeatsAndSpelling() {
    // Each scan teaches the thread an order of keys; none may make it accept a repeat or a key
    // that only starts like the expected one.
    assertThat(scan("{\"id\":1,\"price\":2.5}")).isTrue();
    assertThat(scan("{\"id\":1,\"id\":2}")).isFalse();
    assertThat(scan("{\"price\":2.5}")).isTrue();
    assertThat(scan("{\"price\":1.5,\"price\":2.5}")).isFalse();
    assertThat(scan("{\"id\":1,\"price\":2.5,\"id\":3}")).isFalse();
    assertThat(scan("{\"price\":2.5,\"id\":1}")).isTrue();
    assertThat(scan("{\"price\":2.5,\"id\":1,\"price\":3}")).isFalse();
    assertThat(scan("{\"pricey\":2.5}")).isFalse();
    assertThat(scan("{\"pric\":2.5}")).isFalse();
    assertThat(scan("{\"price\" : 2.5 , \"id\":1.5}")).isFalse();
    assertThat(scan("{\"price\" : 2.5 , \"id\":1 }")).isTrue();
    assertThat(scan("{\"price\":2.5,\"id\":1")).isFalse();
    assertThat(scan("{\"metrics\":{\"temp\":1,\"at\":\"x\"},\"id\":1}")).isTrue();
    assertThat(scan("{\"metrics\":{\"temp\":1,\"temp\":2},\"id\":1}")).isFalse();
    assertThat(scan("{\"metrics\":{\"temp\":1,\"at\":2},\"id\":1}")).isFalse();
    assertThat(scan("{\"metrics\":{\"temp\":1,\"at\":\"x\"},\"id\":1}")).isTrue();
  }

  @Test
  void wideRecordsWithARepeatedKeyAreLeftToTheTokenCheck() {
    List<Types.NestedField> fields = new ArrayList<>();
    StringBuilder json = new StringBuilder("{");
    for (int i = 0; i < 100; i++) {
      fields.add(optional(100 + i, "c" + i, Types.LongType.get()));
      json.append(i == 0 ? "" : ",").append("\"c").append(i).append("\":").append(i);
    }
    Shape wide = Shape.of(Types.StructType.of(fields));
    byte[] distinct = (json + "}").getBytes(StandardCharsets.UTF_8);
    byte[] repeated = (json + ",\"c40\":1}").getBytes(StandardCharsets.UTF_8);
    assertThat(ByteScan.fits(distinct, distinct.length, wide)).isTrue();
    assertThat(ByteScan.fits(distinct, distinct.length, wide)).isTrue();
    assertThat(ByteScan.fits(repeated, repeated.length, wide)).isFalse();
    assertThat(ByteScan.fits(repeated, repeated.length, wide)).isFalse();
    assertThat(StreamingCheck.fits(repeated, repeated.length, wide)).isFalse();
  }
}

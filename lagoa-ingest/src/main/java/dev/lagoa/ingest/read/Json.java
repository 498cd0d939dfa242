package dev.lagoa.ingest.read;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The JSON mapper the loader parses with: strict about trailing garbage, lenient about size. */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.INCLUDE_SOURCE_IN_LOCATION)
          .build();

  static {
    // Landing files may hold single records of many megabytes; Jackson's defaults stop at 20 MB
    // strings.
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxStringLength(Integer.MAX_VALUE)
                .maxDocumentLength(-1)
                .build());
  }

  /** For files of several concatenated documents, where what follows a document is the next one. */
  static final ObjectMapper DOCUMENTS =
      MAPPER.copy().disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private Json() {}

  static String reason(Exception e) {
    String message = e.getMessage() == null ? e.toString() : e.getMessage();
    int location = message.indexOf("\n at [");
    return (location > 0 ? message.substring(0, location) : message).replace('\n', ' ');
  }
}

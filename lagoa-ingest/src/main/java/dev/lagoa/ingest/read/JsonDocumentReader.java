package dev.lagoa.ingest.read;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One JSON document per file: an object (one record) or an array of objects. The file is parsed whole
 * before any record is handed on, so a broken document is quarantined whole rather than half loaded.
 */
public final class JsonDocumentReader implements RecordReader {
  private record Parsed(long line, ObjectNode record) {}

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    byte[] bytes = in.readAllBytes();
    List<Parsed> records = new ArrayList<>();
    try (JsonParser parser = Json.MAPPER.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        handler.malformed(1, "empty file: no JSON document", bytes);
        return;
      }
      if (first == JsonToken.START_OBJECT) {
        records.add(new Parsed(1, Json.MAPPER.readTree(parser)));
      } else if (first == JsonToken.START_ARRAY) {
        JsonToken token;
        int index = 0;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
          long line = parser.currentTokenLocation().getLineNr();
          JsonNode element = Json.MAPPER.readTree(parser);
          if (token != JsonToken.START_OBJECT) {
            handler.malformed(line, "array element " + index + " is not a JSON object", element.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
          } else {
            records.add(new Parsed(line, (ObjectNode) element));
          }
          index++;
        }
      } else {
        handler.malformed(1, "expected a JSON object or array, found " + first, bytes);
        return;
      }
      if (parser.nextToken() != null) {
        handler.malformed(parser.currentTokenLocation().getLineNr(), "unexpected content after the JSON document", bytes);
        return;
      }
    } catch (JacksonException e) {
      long line = e.getLocation() == null ? 1 : e.getLocation().getLineNr();
      handler.malformed(line, "malformed JSON document: " + Json.reason(e), bytes);
      return;
    }
    for (Parsed parsed : records) {
      handler.record(parsed.line(), parsed.record(), null);
    }
  }
}

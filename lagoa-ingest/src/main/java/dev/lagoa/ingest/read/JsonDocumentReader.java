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
 * One JSON document per file: an object (one record) or an array of objects. The file is parsed
 * whole before any record is handed on, so a broken document is quarantined whole rather than half
 * loaded.
 */
public final class JsonDocumentReader implements RecordReader {
  private record Parsed(long line, ObjectNode record) {}

  @Override
  public void read(InputStream in, RecordHandler handler) throws IOException {
    byte[] bytes = in.readAllBytes();
    List<Parsed> records = new ArrayList<>();
    try (JsonParser parser = Json.DOCUMENTS.createParser(bytes)) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        handler.malformed(1, "empty file: no JSON document", bytes);
        return;
      }
      int index = 0;
      // Several documents may follow one another (concatenated JSON, NDJSON): each is read.
      for (; token != null; token = parser.nextToken()) {
        long line = parser.currentTokenLocation().getLineNr();
        if (token == JsonToken.START_OBJECT) {
          records.add(new Parsed(line, Json.DOCUMENTS.readTree(parser)));
        } else if (token == JsonToken.START_ARRAY) {
          while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            long elementLine = parser.currentTokenLocation().getLineNr();
            JsonNode element = Json.DOCUMENTS.readTree(parser);
            if (token != JsonToken.START_OBJECT) {
              handler.malformed(
                  elementLine,
                  "array element " + index + " is not a JSON object",
                  element.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
              records.add(new Parsed(elementLine, (ObjectNode) element));
            }
            index++;
          }
        } else {
          handler.malformed(line, "expected a JSON object or array, found " + token, bytes);
          return;
        }
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

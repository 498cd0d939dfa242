package dev.lagoa.ingest.read;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the records of one landing file. Implementations report malformed records to the handler
 * and go on with the rest of the file; they throw only when the stream itself fails.
 */
public interface RecordReader {
  void read(InputStream in, RecordHandler handler) throws IOException;
}

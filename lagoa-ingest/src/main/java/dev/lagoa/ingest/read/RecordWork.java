package dev.lagoa.ingest.read;

/**
 * The expensive part of reading one record (UTF-8 check, parsing, decoding), cut off from the cheap
 * part (finding where the record ends) so that a parallel read can run it on a worker, with that
 * worker's handler. It holds its own copy of the record's bytes.
 */
@FunctionalInterface
public interface RecordWork {
  void run(RecordHandler handler);
}

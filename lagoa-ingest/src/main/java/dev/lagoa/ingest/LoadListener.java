package dev.lagoa.ingest;

/** Hears about a load's progress, e.g. to draw a progress bar. Called from loader threads. */
public interface LoadListener {
  LoadListener NONE = (filesDone, filesTotal, rows) -> {};

  void fileDone(int filesDone, int filesTotal, long rows);
}

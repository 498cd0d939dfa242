package dev.lagoa.cli;

import dev.lagoa.ingest.LoadListener;
import dev.lagoa.scrape.ProgressListener;
import dev.lagoa.scrape.ScrapeProgress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/** A one-line progress bar on standard error, drawn only when a person is watching a terminal. */
final class ProgressBar implements LoadListener, ProgressListener, AutoCloseable {
  private static final int WIDTH = 30;
  private final PrintStream terminal;
  private final AtomicLong rows = new AtomicLong();
  private volatile long lastDraw;

  private ProgressBar(PrintStream terminal) {
    this.terminal = terminal;
  }

  static ProgressBar onTerminal() {
    return new ProgressBar(System.console() != null ? System.err : null);
  }

  @Override
  public void fileDone(int filesDone, int filesTotal, long fileRows) {
    long total = rows.addAndGet(fileRows);
    if (terminal == null) {
      return;
    }
    long now = System.nanoTime();
    if (filesDone < filesTotal && now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    int filled = filesTotal == 0 ? WIDTH : (int) ((long) WIDTH * filesDone / filesTotal);
    synchronized (this) {
      terminal.printf(
          "\r[%s%s] %d/%d files, %,d rows",
          "#".repeat(filled), ".".repeat(WIDTH - filled), filesDone, filesTotal, total);
      terminal.flush();
    }
  }

  @Override
  public void onPage(ScrapeProgress progress) {
    if (terminal == null) {
      return;
    }
    long now = System.nanoTime();
    if (now - lastDraw < 100_000_000L) {
      return;
    }
    lastDraw = now;
    synchronized (this) {
      terminal.printf(
          "\r%,d pages fetched, %,d rows, %d errors, %d pending",
          progress.pages(), progress.rows(), progress.errors(), progress.pending());
      terminal.flush();
    }
  }

  void clear() {
    if (terminal != null && lastDraw != 0) {
      terminal.print("\r" + " ".repeat(WIDTH + 60) + "\r");
      terminal.flush();
      lastDraw = 0;
    }
    rows.set(0);
  }

  @Override
  public void close() {
    clear();
  }
}

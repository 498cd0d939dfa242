package dev.lagoa.iceberg.commit;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.apache.iceberg.Table;
import org.apache.iceberg.exceptions.NotFoundException;

/**
 * The cumulative ledger of a source: every landing file it ever consumed into a table, written as
 * one small file beside the table's metadata before the commit that points to it (see {@link
 * LagoaSummary#ledgerFile}). Every later commit carries the pointer forward, so the ledger survives
 * snapshot expiry and compaction, and a run reads one file instead of the whole history.
 *
 * <p>A ledger file that no commit points to (its commit failed or the process died) is an orphan;
 * maintenance removes it after the grace period like any other unreferenced file.
 */
public final class LedgerFiles {
  /** File names start with this, under the table's {@code metadata/} folder. */
  public static final String PREFIX = "lagoa-ledger-";

  private LedgerFiles() {}

  /** Writes {@code files} as a new ledger file of {@code table}; returns its location. */
  public static String write(Table table, String source, Collection<ConsumedFile> files) {
    String location =
        table.location() + "/metadata/" + PREFIX + safe(source) + "-" + UUID.randomUUID() + ".gz";
    try (OutputStream out = table.io().newOutputFile(location).create()) {
      ConsumedFiles.write(files, out);
    } catch (IOException | UncheckedIOException e) {
      throw LagoaException.external(
          e, "Cannot write the ledger of source %s at %s: %s", source, location, e.getMessage());
    }
    return location;
  }

  public static List<ConsumedFile> read(Table table, String location) {
    try (InputStream in = table.io().newInputFile(location).newStream()) {
      return ConsumedFiles.read(in, location);
    } catch (NotFoundException e) {
      throw LagoaException.internal(
          e,
          "Cannot read the ledger of table %s: %s is missing although the current snapshot points"
              + " to it",
          table.name(),
          location);
    } catch (IOException | UncheckedIOException e) {
      throw LagoaException.external(e, "Cannot read ledger %s: %s", location, e.getMessage());
    }
  }

  private static String safe(String source) {
    return source.replaceAll("[^A-Za-z0-9_.-]", "_");
  }
}

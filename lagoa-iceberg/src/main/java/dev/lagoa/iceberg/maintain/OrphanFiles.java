package dev.lagoa.iceberg.maintain;

import dev.lagoa.core.LagoaException;
import dev.lagoa.iceberg.LocalFileIO;
import dev.lagoa.iceberg.commit.TableCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.iceberg.DeleteFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Deletes files under a table's location that no snapshot, metadata file or ledger references: data
 * files of commits that failed or were killed, and ledger files nothing points to. A file younger
 * than the grace period is never deleted, because a writer may be about to commit it.
 */
public final class OrphanFiles {
  private OrphanFiles() {}

  /** What one removal did. */
  public record Result(int filesDeleted, long bytesDeleted) {}

  public static Result remove(Table table, Duration grace, InstantSource clock) {
    if (table.location().contains("://") && !table.location().startsWith("file:")) {
      throw LagoaException.userInput(
          "Cannot remove orphan files of %s: its location %s is not on the local file system",
          TableCommit.nameOf(table), table.location());
    }
    table.refresh();
    Path root = normalize(table.location());
    // List first, then read what is referenced: a file committed in between is referenced.
    List<Path> candidates = new ArrayList<>();
    long cutoff = clock.millis() - grace.toMillis();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(path -> modifiedMillis(path) < cutoff)
          .forEach(candidates::add);
    } catch (IOException | UncheckedIOException e) {
      throw LagoaException.external(e, "Cannot list the files of %s: %s", root, e.getMessage());
    }
    table.refresh();
    Set<Path> referenced = referenced(table);
    int deleted = 0;
    long bytes = 0;
    for (Path candidate : candidates) {
      if (!referenced.contains(candidate) && !candidate.getFileName().toString().startsWith(".")) {
        bytes += sizeOf(candidate);
        table.io().deleteFile(candidate.toString());
        deleted++;
      }
    }
    return new Result(deleted, bytes);
  }

  private static Set<Path> referenced(Table table) {
    Set<Path> referenced = new HashSet<>();
    ReachableFileUtil.metadataFileLocations(table, false)
        .forEach(location -> referenced.add(normalize(location)));
    ReachableFileUtil.statisticsFilesLocations(table)
        .forEach(location -> referenced.add(normalize(location)));
    SnapshotExpiry.ledgerFiles(table).forEach(location -> referenced.add(normalize(location)));
    Set<String> manifests = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      referenced.add(normalize(snapshot.manifestListLocation()));
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifests.add(manifest.path())) {
          referenced.add(normalize(manifest.path()));
          readPaths(table, manifest).forEach(location -> referenced.add(normalize(location)));
        }
      }
    }
    return referenced;
  }

  private static List<String> readPaths(Table table, ManifestFile manifest) {
    List<String> paths = new ArrayList<>();
    try {
      if (manifest.content() == ManifestContent.DATA) {
        try (CloseableIterable<String> locations =
            ManifestFiles.readPaths(manifest, table.io(), table.specs())) {
          locations.forEach(paths::add);
        }
      } else {
        try (ManifestReader<DeleteFile> reader =
            ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
          reader.forEach(file -> paths.add(file.location()));
        }
      }
    } catch (IOException e) {
      throw LagoaException.external(
          e, "Cannot read manifest %s: %s", manifest.path(), e.getMessage());
    }
    return paths;
  }

  private static Path normalize(String location) {
    return LocalFileIO.toPath(location).toAbsolutePath().normalize();
  }

  private static long modifiedMillis(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long sizeOf(Path path) {
    try {
      return Files.size(path);
    } catch (IOException e) {
      return 0;
    }
  }
}

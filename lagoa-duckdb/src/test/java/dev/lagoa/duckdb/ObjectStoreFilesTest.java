package dev.lagoa.duckdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lagoa.core.LagoaException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.apache.iceberg.inmemory.InMemoryFileIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ObjectStoreFilesTest {
  @TempDir Path cache;
  private final InMemoryFileIO io = new InMemoryFileIO();
  private final String location = "s3://lake/t/data/" + UUID.randomUUID() + ".parquet";

  @BeforeEach
  void useATemporaryCache() {
    System.setProperty(ObjectStoreFiles.DIRECTORY_PROPERTY, cache.toString());
  }

  @AfterEach
  void restoreTheDefaultCache() {
    System.clearProperty(ObjectStoreFiles.DIRECTORY_PROPERTY);
  }

  @Test
  void aFileInObjectStorageIsCopiedOnceAndThenReadLocally() throws IOException {
    io.addFile(location, "row group".getBytes(StandardCharsets.UTF_8));

    Path first = ObjectStoreFiles.localCopy(io, location, 9);
    io.deleteFile(location);
    Path second = ObjectStoreFiles.localCopy(io, location, 9);

    assertThat(first).startsWith(cache).isEqualTo(second);
    assertThat(Files.readString(second)).isEqualTo("row group");
    try (var files = Files.list(cache)) {
      assertThat(files).containsExactly(first);
    }
  }

  @Test
  void aFileThatCannotBeReadIsReportedWithItsLocation() {
    assertThatThrownBy(() -> ObjectStoreFiles.localCopy(io, location, 9))
        .isInstanceOf(LagoaException.class)
        .hasMessageStartingWith("Cannot read " + location + " from object storage into " + cache);
  }

  @Test
  void onlyObjectStorageLocationsAreRemote() {
    assertThat(ObjectStoreFiles.isRemote("s3://lake/t/data/a.parquet")).isTrue();
    assertThat(ObjectStoreFiles.isRemote("file:/lake/t/data/a.parquet")).isFalse();
    assertThat(ObjectStoreFiles.isRemote("/lake/t/data/a.parquet")).isFalse();
  }

  @Test
  void anUploadedFileIsInObjectStorageAndIsItsOwnCachedCopy() throws IOException {
    Path written = Files.writeString(cache.resolve("part-0.parquet"), "row group");

    ObjectStoreFiles.upload(io, written, location);

    try (var in = io.newInputFile(location).newStream()) {
      assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("row group");
    }
    assertThat(written).doesNotExist();
    io.deleteFile(location); // a read now needs the cached copy
    assertThat(Files.readString(ObjectStoreFiles.localCopy(io, location, 9)))
        .isEqualTo("row group");
  }

  @Test
  void aFailedUploadNamesTheFileAndTheLocation() {
    Path missing = cache.resolve("part-9.parquet");

    assertThatThrownBy(() -> ObjectStoreFiles.upload(io, missing, location))
        .isInstanceOf(LagoaException.class)
        .hasMessageStartingWith(
            "Cannot upload " + missing + " to object storage as " + location + ": ");
  }
}

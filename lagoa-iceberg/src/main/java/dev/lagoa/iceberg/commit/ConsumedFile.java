package dev.lagoa.iceberg.commit;

import static java.util.Objects.requireNonNull;

/**
 * A landing file a loader commit consumed, with the size and modification time it had then: a file
 * with the same name but another size or time is a changed file, not a consumed one.
 */
public record ConsumedFile(String name, long size, long modifiedMillis) {
  public ConsumedFile {
    requireNonNull(name, "name is null");
    if (name.indexOf('\t') >= 0 || name.indexOf('\n') >= 0) {
      throw new IllegalArgumentException(
          "Cannot record consumed file '" + name + "': names must not hold tabs or newlines");
    }
  }
}

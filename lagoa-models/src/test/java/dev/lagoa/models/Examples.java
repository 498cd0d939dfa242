package dev.lagoa.models;

import java.nio.file.Path;

/** The example projects shipped under {@code examples/}, whose models the tests run as they are. */
final class Examples {
  private Examples() {}

  static Path project(String name) {
    return Path.of(System.getProperty("basedir", "."))
        .resolve("../examples")
        .resolve(name)
        .normalize();
  }
}

package dev.lagoa.examples;

import java.nio.file.Path;

/** Lands an example's offline demo data in its landing directories. */
interface ExampleData {
  /** How many times the demo lands data and runs the example. */
  default int rounds() {
    return 1;
  }

  /** Writes the data of the {@code round}-th demo run (1 = first) into the example's directory. */
  void land(Path example, int round);
}

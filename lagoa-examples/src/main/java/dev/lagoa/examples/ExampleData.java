package dev.lagoa.examples;

import java.nio.file.Path;
import java.util.List;

/** Lands an example's offline demo data in its landing directories. */
interface ExampleData {
  /** Examples whose data comes from their web sources (the demo serves the fixture sites). */
  ExampleData SCRAPED = (example, round) -> {};

  /** How many times the demo lands data and runs the example. */
  default int rounds() {
    return 1;
  }

  /** Queries whose results the demo prints after the {@code round}-th run (what changed). */
  default List<String> queries(int round) {
    return List.of();
  }

  /** Writes the data of the {@code round}-th demo run (1 = first) into the example's directory. */
  void land(Path example, int round);
}

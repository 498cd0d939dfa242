package dev.lagoa.examples;

import dev.lagoa.core.LagoaException;
import dev.lagoa.testing.data.ImdbLandingGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Round 1: two scraper runs of 250 titles. Round 2: a later run that adds a field and carries a
 * rating "N/A", so the table gains a column and a rescued value, and time travel shows the table
 * before.
 */
final class ImdbData implements ExampleData {
  @Override
  public int rounds() {
    return 2;
  }

  @Override
  public void land(Path example, int round) {
    Path landing = example.resolve("landing/imdb");
    try {
      Files.createDirectories(landing);
    } catch (IOException e) {
      throw LagoaException.external(e, "Cannot create %s: %s", landing, e.getMessage());
    }
    ImdbLandingGenerator generator = new ImdbLandingGenerator(7);
    if (round == 1) {
      generator.writeRun(landing, 1, 250);
      generator.writeRun(landing, 2, 250);
    } else {
      generator.writeEvolvedRun(landing, 3, 250);
    }
  }
}

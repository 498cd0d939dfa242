package dev.lagoa.cli;

import dev.lagoa.runtime.Lakehouse;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "relocate",
    description = {
      "Make a copied or moved project use its own files.",
      "The catalog stores absolute locations, so a copy still points at the original's warehouse;"
          + " this rewrites them, in the copy only, keeping every snapshot and bookmark."
    })
final class RelocateCommand implements Callable<Integer> {
  @Mixin ProjectOption project;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    List<String> moved = Lakehouse.relocate(project.directory);
    if (moved.isEmpty()) {
      out.println("Nothing to relocate: every table already lives in this project's warehouse.");
    }
    moved.forEach(line -> out.println("relocated " + line));
    return Main.OK;
  }
}

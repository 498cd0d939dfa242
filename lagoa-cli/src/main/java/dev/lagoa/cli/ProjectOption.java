package dev.lagoa.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --project} option every command shares. */
final class ProjectOption {
  @Option(
      names = {"-p", "--project"},
      description = "Project directory (holds lagoa.yaml). Default: the current directory.",
      defaultValue = ".")
  Path directory;
}

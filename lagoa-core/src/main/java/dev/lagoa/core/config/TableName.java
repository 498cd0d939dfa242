package dev.lagoa.core.config;

import java.util.regex.Pattern;

/**
 * The one rule for a table name written in {@code lagoa.yaml}: {@code namespace.name}, each part
 * letters, digits and underscores not starting with a digit (nested namespaces as {@code
 * a.b.name}). Checked when the file is read, so a load or build never starts with a name the
 * catalog refuses.
 */
public final class TableName {
  private static final Pattern QUALIFIED =
      Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");

  private TableName() {}

  public static boolean isValid(String name) {
    return QUALIFIED.matcher(name).matches();
  }

  /** Records a problem at {@code path} when {@code name} is not a valid table name. */
  static void check(ConfigProblems problems, String path, String name) {
    if (!isValid(name)) {
      problems.add(path, "was '" + name + "' but it must be namespace.name");
    }
  }
}

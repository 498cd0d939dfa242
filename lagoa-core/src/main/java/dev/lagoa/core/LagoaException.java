package dev.lagoa.core;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type Lagoa's entry points understand. Messages say what failed, why, and the
 * offending value: {@code Cannot ingest landing/a.json line 17: field rating is "abc", expected
 * double}.
 */
public class LagoaException extends RuntimeException {
  private final ErrorCategory category;

  public LagoaException(ErrorCategory category, String message) {
    super(message);
    this.category = requireNonNull(category, "category is null");
  }

  public LagoaException(ErrorCategory category, String message, Throwable cause) {
    super(message, cause);
    this.category = requireNonNull(category, "category is null");
  }

  public static LagoaException userInput(String format, Object... args) {
    return new LagoaException(ErrorCategory.USER_INPUT, String.format(format, args));
  }

  public static LagoaException external(Throwable cause, String format, Object... args) {
    return new LagoaException(ErrorCategory.EXTERNAL, String.format(format, args), cause);
  }

  public static LagoaException internal(Throwable cause, String format, Object... args) {
    return new LagoaException(ErrorCategory.INTERNAL, String.format(format, args), cause);
  }

  public ErrorCategory category() {
    return category;
  }
}

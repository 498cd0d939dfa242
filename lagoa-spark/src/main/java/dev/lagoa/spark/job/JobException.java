package dev.lagoa.spark.job;

/** A failure the job reports to Lagoa with its category: user, external or internal. */
final class JobException extends RuntimeException {
  private final String category;

  JobException(String category, String message) {
    super(message);
    this.category = category;
  }

  String category() {
    return category;
  }
}

package dev.lagoa.ml.registry;

import static java.util.Objects.requireNonNull;

/**
 * The promotion decision taken when a version was registered.
 *
 * @param served whether it became the served version then
 * @param reason why, in words: "first version", "rmse 0.81 is not worse than v3's 0.83", ...
 */
public record Promotion(boolean served, String reason) {
  public Promotion {
    requireNonNull(reason, "reason is null");
  }
}

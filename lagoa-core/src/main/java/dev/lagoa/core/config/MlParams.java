package dev.lagoa.core.config;

/**
 * The learner's settings. CART uses {@code maxDepth} and {@code minChildWeight}; linear SGD uses
 * {@code epochs}, {@code learningRate} (AdaGrad) and {@code minibatchSize}.
 */
public record MlParams(
    int maxDepth, double minChildWeight, int epochs, double learningRate, int minibatchSize) {
  public static final MlParams DEFAULT = new MlParams(8, 5.0, 5, 0.1, 1);

  public MlParams {
    if (maxDepth < 1 || epochs < 1 || minibatchSize < 1) {
      throw new IllegalArgumentException("max_depth, epochs and minibatch must be at least 1");
    }
    if (!(minChildWeight > 0) || !(learningRate > 0)) {
      throw new IllegalArgumentException("min_child_weight and learning_rate must be positive");
    }
  }
}

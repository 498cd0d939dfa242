package dev.lagoa.core.config;

/** What a prediction does with a categorical value the training rows never had. */
public enum MlUnseen {
  /** Refuse the prediction, naming the field and the value (HTTP 400). */
  REJECT,
  /** Predict as if the feature were none of the known categories (all one-hot indicators 0). */
  IGNORE
}

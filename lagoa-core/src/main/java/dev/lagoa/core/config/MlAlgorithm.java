package dev.lagoa.core.config;

/**
 * The learners Lagoa offers, all from Tribuo: a CART decision tree, or a linear model trained by
 * stochastic gradient descent (least squares for regression, logistic loss for classification).
 */
public enum MlAlgorithm {
  CART,
  LINEAR_SGD
}

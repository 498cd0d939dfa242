package dev.lagoa.models.project;

import static java.util.Objects.requireNonNull;

/**
 * One mistake in a project's models, where the user made it.
 *
 * @param model the model it breaks; empty when it concerns the whole project (a YAML file that
 *     cannot be read, a source declaration, two models of one name)
 * @param position {@code file:line:column} relative to the project, or just the file
 * @param message what is wrong, with the offending value
 */
public record ModelProblem(String model, String position, String message) {
  public ModelProblem {
    requireNonNull(model, "model is null");
    requireNonNull(position, "position is null");
    requireNonNull(message, "message is null");
  }

  /** Whether the problem stops every model rather than one. */
  public boolean projectWide() {
    return model.isEmpty();
  }

  @Override
  public String toString() {
    return position + ": " + message;
  }
}

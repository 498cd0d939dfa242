package dev.lagoa.models.compile;

import static java.util.Objects.requireNonNull;

import dev.lagoa.models.project.ModelProblem;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What compiling a project's models found.
 *
 * @param checked the models that compiled, in run order
 * @param problems every problem of every model, at the file, line and column of the mistake
 * @param blocked models not checked because a model they read has problems: model → why
 * @param rendered the SQL each compiled (or attempted) model runs, placeholders resolved
 */
public record CompileReport(
    List<String> checked,
    List<ModelProblem> problems,
    Map<String, String> blocked,
    Map<String, String> rendered) {
  public CompileReport {
    checked = List.copyOf(requireNonNull(checked, "checked is null"));
    problems = List.copyOf(requireNonNull(problems, "problems is null"));
    blocked = Map.copyOf(requireNonNull(blocked, "blocked is null"));
    rendered = Map.copyOf(requireNonNull(rendered, "rendered is null"));
  }

  public boolean succeeded() {
    return problems.isEmpty() && blocked.isEmpty();
  }

  /** The models with at least one problem, in the order of their first problem. */
  public Set<String> failedModels() {
    Set<String> models = new LinkedHashSet<>();
    problems.forEach(problem -> models.add(problem.model()));
    return models;
  }

  public List<ModelProblem> problems(String model) {
    return problems.stream().filter(problem -> problem.model().equals(model)).toList();
  }

  public Optional<String> renderedSql(String model) {
    return Optional.ofNullable(rendered.get(model));
  }

  /** One line per problem, then the blocked models, then the counts. */
  public String summary() {
    StringBuilder text = new StringBuilder();
    problems.forEach(problem -> text.append(problem).append('\n'));
    blocked.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            entry ->
                text.append("not checked: ")
                    .append(entry.getKey())
                    .append(" (")
                    .append(entry.getValue())
                    .append(")\n"));
    text.append(checked.size())
        .append(checked.size() == 1 ? " model compiled, " : " models compiled, ")
        .append(failedModels().size())
        .append(" with errors (")
        .append(problems.size())
        .append(problems.size() == 1 ? " problem), " : " problems), ")
        .append(blocked.size())
        .append(" not checked");
    return text.toString();
  }
}

package dev.lagoa.models.dag;

import static java.util.Objects.requireNonNull;

import dev.lagoa.core.LagoaException;
import java.util.ArrayList;
import java.util.List;

/**
 * Which models a run or test covers, written as on the command line: {@code cars} (one model),
 * {@code cars+} (it and every model built from it), {@code +cars} (it and everything it is built
 * from), several separated by spaces or commas. Empty or {@code *}: every model.
 */
public record Selection(List<Term> terms) {
  public Selection {
    terms = List.copyOf(requireNonNull(terms, "terms is null"));
  }

  public static Selection all() {
    return new Selection(List.of());
  }

  public static Selection parse(String text) {
    List<Term> terms = new ArrayList<>();
    for (String word : text.trim().split("[\\s,]+")) {
      if (word.isEmpty() || word.equals("*")) {
        continue;
      }
      boolean ancestors = word.startsWith("+");
      boolean descendants = word.endsWith("+");
      String model =
          word.substring(
              ancestors ? 1 : 0,
              Math.max(ancestors ? 1 : 0, word.length() - (descendants ? 1 : 0)));
      if (!model.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw LagoaException.userInput(
            "Cannot select '%s': expected a model name, optionally with + before (ancestors) or after (descendants)",
            word);
      }
      terms.add(new Term(model, ancestors, descendants));
    }
    return new Selection(terms);
  }

  public boolean isAll() {
    return terms.isEmpty();
  }

  /** One model of a selection and whether its ancestors and descendants come with it. */
  public record Term(String model, boolean withAncestors, boolean withDescendants) {
    public Term {
      requireNonNull(model, "model is null");
    }

    @Override
    public String toString() {
      return (withAncestors ? "+" : "") + model + (withDescendants ? "+" : "");
    }
  }

  @Override
  public String toString() {
    return isAll() ? "*" : String.join(" ", terms.stream().map(Term::toString).toList());
  }
}

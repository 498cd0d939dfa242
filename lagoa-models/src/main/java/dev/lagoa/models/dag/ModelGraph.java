package dev.lagoa.models.dag;

import dev.lagoa.core.LagoaException;
import dev.lagoa.models.project.Model;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The models of a project and what they read. Lineage edges come from {@code ref}s; a model's tests
 * add ordering edges (a relationship test runs after the model it checks against is built) that do
 * not make the tested model a descendant.
 */
public final class ModelGraph {
  private final Map<String, Model> models = new TreeMap<>();
  private final Map<String, Set<String>> parents = new TreeMap<>();
  private final Map<String, Set<String>> children = new TreeMap<>();
  private final List<String> order;

  private ModelGraph(Collection<Model> models) {
    for (Model model : models) {
      this.models.put(model.name(), model);
      parents.put(model.name(), new TreeSet<>());
      children.put(model.name(), new TreeSet<>());
    }
    List<String> missing = new ArrayList<>();
    for (Model model : models) {
      for (String ref : model.refs()) {
        if (!this.models.containsKey(ref)) {
          missing.add(model.name() + " (" + model.file() + ") refs " + ref);
        } else {
          parents.get(model.name()).add(ref);
          children.get(ref).add(model.name());
        }
      }
      for (String tested : model.testedAgainst()) {
        if (!this.models.containsKey(tested)) {
          missing.add(model.name() + " (" + model.file() + ") tests against " + tested);
        }
      }
    }
    if (!missing.isEmpty()) {
      throw LagoaException.userInput(
          "Cannot build the model graph: %s, which %s not a model; the models are %s",
          String.join(", ", missing), missing.size() == 1 ? "is" : "are", this.models.keySet());
    }
    order = topologicalOrder();
  }

  /**
   * @throws LagoaException when a ref names no model, or refs form a cycle (the message names the
   *     models of the cycle in order)
   */
  public static ModelGraph of(Collection<Model> models) {
    return new ModelGraph(models);
  }

  /** Every model, parents before children, ties broken by name so runs are reproducible. */
  public List<String> order() {
    return order;
  }

  public Set<String> parents(String model) {
    return Set.copyOf(parents.get(model));
  }

  /** The models that read {@code model}, directly or not. */
  public Set<String> descendants(String model) {
    return reach(model, children);
  }

  /** The models {@code model} reads, directly or not. */
  public Set<String> ancestors(String model) {
    return reach(model, parents);
  }

  /** The selected models in run order. */
  public List<String> select(Selection selection) {
    Set<String> chosen = new LinkedHashSet<>();
    if (selection.isAll()) {
      chosen.addAll(models.keySet());
    }
    for (Selection.Term term : selection.terms()) {
      if (!models.containsKey(term.model())) {
        throw LagoaException.userInput(
            "Cannot select %s: there is no model %s; the models are %s",
            term, term.model(), models.keySet());
      }
      chosen.add(term.model());
      if (term.withDescendants()) {
        chosen.addAll(descendants(term.model()));
      }
      if (term.withAncestors()) {
        chosen.addAll(ancestors(term.model()));
      }
    }
    return order.stream().filter(chosen::contains).toList();
  }

  private static Set<String> reach(String start, Map<String, Set<String>> edges) {
    Set<String> seen = new TreeSet<>();
    Deque<String> pending = new ArrayDeque<>(edges.get(start));
    while (!pending.isEmpty()) {
      String next = pending.pop();
      if (seen.add(next)) {
        pending.addAll(edges.get(next));
      }
    }
    return seen;
  }

  /** Kahn's algorithm over lineage and test-ordering edges; a leftover means a cycle. */
  private List<String> topologicalOrder() {
    Map<String, Set<String>> after = new TreeMap<>();
    for (String name : models.keySet()) {
      Set<String> before = new TreeSet<>(parents.get(name));
      before.addAll(models.get(name).testedAgainst());
      after.put(name, before);
    }
    Map<String, Integer> waiting = new TreeMap<>();
    Map<String, List<String>> unblocks = new TreeMap<>();
    for (Map.Entry<String, Set<String>> entry : after.entrySet()) {
      waiting.put(entry.getKey(), entry.getValue().size());
      for (String before : entry.getValue()) {
        unblocks.computeIfAbsent(before, k -> new ArrayList<>()).add(entry.getKey());
      }
    }
    PriorityQueue<String> ready = new PriorityQueue<>();
    waiting.forEach(
        (name, count) -> {
          if (count == 0) {
            ready.add(name);
          }
        });
    List<String> result = new ArrayList<>();
    while (!ready.isEmpty()) {
      String next = ready.poll();
      result.add(next);
      for (String blocked : unblocks.getOrDefault(next, List.of())) {
        if (waiting.merge(blocked, -1, Integer::sum) == 0) {
          ready.add(blocked);
        }
      }
    }
    if (result.size() < models.size()) {
      throw LagoaException.userInput(
          "Cannot order the models: they form a cycle, each reading the next: %s",
          String.join(" -> ", cycle(after, result)));
    }
    return List.copyOf(result);
  }

  /**
   * One cycle among the models Kahn's algorithm could not order, as a path ending where it starts.
   */
  private static List<String> cycle(Map<String, Set<String>> after, List<String> ordered) {
    Set<String> stuck = new TreeSet<>(after.keySet());
    ordered.forEach(stuck::remove);
    // Every stuck model waits on another stuck model: walking "waits on" edges must revisit a
    // model.
    List<String> path = new ArrayList<>();
    String current = stuck.iterator().next();
    while (!path.contains(current)) {
      path.add(current);
      current = after.get(current).stream().filter(stuck::contains).findFirst().orElseThrow();
    }
    List<String> cycle = new ArrayList<>(path.subList(path.indexOf(current), path.size()));
    cycle.add(current);
    return cycle;
  }
}

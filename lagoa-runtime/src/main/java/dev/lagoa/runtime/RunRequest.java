package dev.lagoa.runtime;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Set;

/**
 * What one {@code lagoa run} is asked to do.
 *
 * @param sources the sources to run; empty runs every enabled source. A named web source brings the
 *     {@code files} sources that load its landing directory
 * @param skip sources not to run this time, even if named or enabled
 * @param select the models to build, as {@code --select} writes them; empty builds the models
 *     downstream of the sources that ran (every model when the whole project runs)
 * @param fullRefresh rebuild incremental models from all their input
 * @param maxErrors the error budget of every web source ({@code 5}, {@code 10%}), overriding {@code
 *     crawl.max_errors}; empty keeps each source's own
 */
public record RunRequest(
    List<String> sources, Set<String> skip, String select, boolean fullRefresh, String maxErrors) {
  public RunRequest {
    sources = List.copyOf(requireNonNull(sources, "sources is null"));
    skip = Set.copyOf(requireNonNull(skip, "skip is null"));
    requireNonNull(select, "select is null");
    requireNonNull(maxErrors, "maxErrors is null");
  }

  /** Every enabled source, then every model. */
  public static RunRequest wholeProject(boolean fullRefresh) {
    return new RunRequest(List.of(), Set.of(), "", fullRefresh, "");
  }
}

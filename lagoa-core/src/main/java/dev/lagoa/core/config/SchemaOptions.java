package dev.lagoa.core.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * How a loader derives and guards a table's schema.
 *
 * @param policy what to do with data that does not fit the table
 * @param sampleRecords how many records of a batch are read to infer the type of fields the table
 *     does not have yet; fields first seen later take the type of their first value
 * @param hints types forced for some columns ({@code rating: double}), by dotted path
 */
public record SchemaOptions(SchemaPolicy policy, int sampleRecords, Map<String, String> hints) {
  public static final SchemaOptions DEFAULT =
      new SchemaOptions(SchemaPolicy.EVOLVE, 1000, Map.of());

  public SchemaOptions {
    requireNonNull(policy, "policy is null");
    hints = Map.copyOf(requireNonNull(hints, "hints is null"));
  }
}

package dev.lagoa.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The job of a distributed engine (Lagoa's Spark job) that reads and writes a load's batches: one
 * JSON request, one JSON answer; a failed request throws a {@link dev.lagoa.core.LagoaException}.
 */
@FunctionalInterface
public interface LoadJob {
  JsonNode request(ObjectNode request);
}

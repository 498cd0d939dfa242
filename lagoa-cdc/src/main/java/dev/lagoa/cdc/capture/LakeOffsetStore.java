package dev.lagoa.cdc.capture;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import org.apache.kafka.connect.runtime.WorkerConfig;
import org.apache.kafka.connect.storage.OffsetBackingStore;
import org.apache.kafka.connect.util.Callback;

/**
 * Debezium's offset store, whose only storage is the lake: it answers with the offset recorded in
 * the mirrored tables' last commits (handed to it in {@link #RESUME_OFFSET} before the engine
 * starts) and keeps nothing Debezium writes, because every offset that matters was already
 * committed to the tables together with the changes it covers. A side file that could run ahead of
 * or behind the tables does not exist.
 *
 * <p>Debezium creates it by reflection (no-argument constructor), configures and starts it once per
 * engine. A source has a single partition, so every requested key gets the one offset.
 */
public final class LakeOffsetStore implements OffsetBackingStore {
  /** The engine property holding the offset JSON to resume from; empty: start from scratch. */
  public static final String RESUME_OFFSET = "lagoa.resume.offset";

  private String resumeOffset = "";

  public LakeOffsetStore() {}

  @Override
  public void configure(WorkerConfig config) {
    Object value = config.originals().get(RESUME_OFFSET);
    resumeOffset = value == null ? "" : value.toString();
  }

  @Override
  public void start() {}

  @Override
  public void stop() {}

  @Override
  public Future<Map<ByteBuffer, ByteBuffer>> get(Collection<ByteBuffer> keys) {
    Map<ByteBuffer, ByteBuffer> values = new HashMap<>();
    if (!resumeOffset.isEmpty()) {
      for (ByteBuffer key : keys) {
        values.put(key, ByteBuffer.wrap(resumeOffset.getBytes(StandardCharsets.UTF_8)));
      }
    }
    return CompletableFuture.completedFuture(values);
  }

  @Override
  public Future<Void> set(Map<ByteBuffer, ByteBuffer> values, Callback<Void> callback) {
    if (callback != null) {
      callback.onCompletion(null, null);
    }
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public Set<Map<String, Object>> connectorPartitions(String connectorName) {
    return Set.of();
  }
}

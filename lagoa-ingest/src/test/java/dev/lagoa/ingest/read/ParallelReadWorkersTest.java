package dev.lagoa.ingest.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ParallelReadWorkersTest {
  private static final int LINES = 10_000;

  /** What one worker saw: (sequence, line, kind) in the order it ran them, and on which thread. */
  private static final class Seen implements ParallelRead.Worker {
    record Call(long sequence, long line, String kind, String thread) {}

    final List<Call> calls = new ArrayList<>();
    private final long failAt;
    private long sequence;

    Seen(long failAt) {
      this.failAt = failAt;
    }

    @Override
    public void at(long sequence) {
      this.sequence = sequence;
    }

    @Override
    public void record(long line, ObjectNode record, ObjectNode displaced, byte[] original) {
      if (line == failAt) {
        throw new IllegalStateException("boom at line " + line);
      }
      calls.add(new Call(sequence, line, "row", Thread.currentThread().getName()));
    }

    @Override
    public void malformed(long line, String reason, byte[] raw) {
      calls.add(new Call(sequence, line, reason, Thread.currentThread().getName()));
    }
  }

  private static ByteArrayInputStream ndjson() {
    StringBuilder text = new StringBuilder();
    for (int line = 1; line <= LINES; line++) {
      text.append(line == 5000 ? "{broken\n" : "{\"n\":" + line + "}\n");
    }
    return new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void workerThreadsSeeEveryLineOnceAndTheSequenceGivesBackTheFilesOrder() throws Exception {
    List<Seen> workers = List.of(new Seen(-1), new Seen(-1), new Seen(-1));

    try (ParallelRead parallel = new ParallelRead(workers, "test-read")) {
      new NdjsonReader(1 << 20).read(ndjson(), parallel);
    }

    List<Seen.Call> calls =
        workers.stream()
            .flatMap(worker -> worker.calls.stream())
            .sorted(Comparator.comparingLong(Seen.Call::sequence))
            .toList();
    assertThat(calls).extracting(Seen.Call::line).containsExactlyElementsOf(lines());
    assertThat(calls).extracting(Seen.Call::thread).allMatch(name -> name.startsWith("test-read-"));
    assertThat(calls)
        .filteredOn(call -> !call.kind().equals("row"))
        .extracting(call -> call.line() + " " + call.kind().startsWith("malformed JSON"))
        .containsExactly("5000 true");
  }

  @Test
  void aWorkersFailureReachesTheReaderAsItself() {
    List<Seen> workers = List.of(new Seen(7000), new Seen(7000));

    assertThatThrownBy(
            () -> {
              try (ParallelRead parallel = new ParallelRead(workers, "test-read")) {
                new NdjsonReader(1 << 20).read(ndjson(), parallel);
              }
            })
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("boom at line 7000");
  }

  private static List<Long> lines() {
    return LongStream.rangeClosed(1, LINES).boxed().toList();
  }
}

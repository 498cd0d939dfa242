package dev.lagoa.runtime.runs;

import dev.lagoa.runtime.Lakehouse;
import java.util.Optional;

/**
 * Retrains an {@code ml:} model of the project for the {@link RunEngine} (a run's {@code train}
 * step). Machine learning sits beside the runtime, not under it, so {@code lagoa serve} hands the
 * engine its trainer.
 */
@FunctionalInterface
public interface ModelTrainer {
  /**
   * Retrains {@code model} on {@code lake}'s current snapshot of its training table.
   *
   * @param onlyOnNewSnapshot when true, trains only if the training table has a snapshot the served
   *     version was not trained on
   * @return what was done ({@code version 4 served: rmse 0.86 ≤ 0.88}), empty when nothing was new
   */
  Optional<String> retrain(Lakehouse lake, String model, boolean onlyOnNewSnapshot);
}

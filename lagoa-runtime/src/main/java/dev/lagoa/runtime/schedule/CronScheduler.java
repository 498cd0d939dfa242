package dev.lagoa.runtime.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.lagoa.core.LagoaException;
import dev.lagoa.core.config.MisfirePolicy;
import dev.lagoa.core.config.ProjectConfig;
import dev.lagoa.core.config.ScheduleConfig;
import dev.lagoa.runtime.CatalogDatabase;
import dev.lagoa.runtime.runs.RunEngine;
import dev.lagoa.runtime.runs.RunRecord;
import dev.lagoa.runtime.runs.RunRequest;
import dev.lagoa.runtime.runs.TriggerKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * The project's cron schedules, on db-scheduler over the catalog database. db-scheduler keeps one
 * row per schedule with its next firing time; a process claims a due firing with an update that
 * only one process can win, and heartbeats it while the run goes on. So several {@code lagoa serve}
 * processes sharing a PostgreSQL catalog run each firing once, a firing missed while every process
 * was stopped is due on the next start (misfire {@code run_once}) or skipped ({@code skip}), and a
 * process killed mid-run has its firing picked up again by another after its heartbeats stop.
 *
 * <p>The firing waits for its run to end, so the claim lasts as long as the run.
 */
public final class CronScheduler implements AutoCloseable {
  public static final String TABLE = "lagoa_scheduled_tasks";

  /** A firing later than this (plus one poll) was missed while no service ran. */
  private static final Duration MISFIRE_TOLERANCE = Duration.ofMinutes(1);

  private final Scheduler scheduler;

  private CronScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * Starts firing the project's schedules.
   *
   * @param skipped told about each firing a {@code skip} misfire policy skipped
   */
  public static Optional<CronScheduler> start(
      ProjectConfig config,
      CatalogDatabase database,
      RunEngine engine,
      Clock clock,
      String worker,
      BiConsumer<ScheduleConfig, Instant> skipped) {
    if (config.serve().schedules().isEmpty()) {
      return Optional.empty();
    }
    createTable(database);
    Duration poll = config.serve().pollInterval();
    List<RecurringTask<Void>> tasks = new ArrayList<>();
    for (ScheduleConfig schedule : config.serve().schedules().values()) {
      com.github.kagkarlsson.scheduler.task.schedule.Schedule cron;
      try {
        cron = Schedules.cron(schedule.cron(), schedule.zone());
      } catch (RuntimeException e) {
        throw LagoaException.userInput(
            "Invalid configuration %s: schedules.%s.cron was '%s' but it is not a cron expression:"
                + " %s",
            config.directory().resolve(ProjectConfig.FILE_NAME),
            schedule.name(),
            schedule.cron(),
            e.getMessage());
      }
      tasks.add(
          Tasks.recurring(taskName(config, schedule), cron)
              .execute(
                  (instance, context) ->
                      fire(
                          engine,
                          clock,
                          poll,
                          schedule,
                          context.getExecution().executionTime,
                          skipped)));
    }
    Scheduler scheduler =
        Scheduler.create(database)
            .startTasks(tasks)
            .tableName(TABLE)
            .threads(Math.max(1, Math.min(tasks.size(), 4)))
            .pollingInterval(poll)
            .heartbeatInterval(Duration.ofSeconds(5))
            .schedulerName(new SchedulerName.Fixed(worker))
            .clock(clock::instant)
            .alwaysPersistTimestampInUTC()
            // Another project sharing the catalog database owns the rows this one does not know.
            .deleteUnresolvedAfter(Duration.ofDays(3650))
            .shutdownMaxWait(config.serve().gracePeriod())
            .build();
    scheduler.start();
    return Optional.of(new CronScheduler(scheduler));
  }

  /** The job name a schedule's runs carry in the ledger. */
  public static String job(ScheduleConfig schedule) {
    return "schedule:" + schedule.name();
  }

  private static String taskName(ProjectConfig config, ScheduleConfig schedule) {
    return "lagoa:" + config.name() + ":" + schedule.name();
  }

  private static void fire(
      RunEngine engine,
      Clock clock,
      Duration poll,
      ScheduleConfig schedule,
      Instant firing,
      BiConsumer<ScheduleConfig, Instant> skipped) {
    Instant now = clock.instant();
    if (schedule.misfire() == MisfirePolicy.SKIP
        && firing.plus(MISFIRE_TOLERANCE).plus(poll).isBefore(now)) {
      skipped.accept(schedule, firing);
      return;
    }
    Optional<RunEngine.Submission> submission =
        engine.submit(
            new RunRequest(
                job(schedule),
                TriggerKind.SCHEDULE,
                schedule.sources(),
                schedule.models(),
                schedule.retry(),
                firing,
                schedule.train(),
                false));
    if (submission.isEmpty()) {
      return; // stopping
    }
    try {
      RunRecord ignored = submission.get().done().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw LagoaException.internal(
          e.getCause(), "Cannot run schedule %s: %s", schedule.name(), e.getCause());
    }
  }

  private static void createTable(CatalogDatabase database) {
    String time = database.isSqlite() ? "TIMESTAMP" : "TIMESTAMP WITH TIME ZONE";
    String sql =
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (task_name TEXT NOT NULL, task_instance TEXT NOT NULL, task_data "
            + (database.isSqlite() ? "BLOB" : "BYTEA")
            + ", execution_time "
            + time
            + " NOT NULL, picked BOOLEAN NOT NULL, picked_by TEXT, last_success "
            + time
            + ", last_failure "
            + time
            + ", consecutive_failures INT, last_heartbeat "
            + time
            + ", version BIGINT NOT NULL, priority SMALLINT, PRIMARY KEY (task_name,"
            + " task_instance))";
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      // Two processes starting together on PostgreSQL may race; the loser finds the table there.
      try (Connection connection = database.connect();
          Statement statement = connection.createStatement()) {
        statement.executeQuery("SELECT count(*) FROM " + TABLE).close();
      } catch (SQLException again) {
        throw LagoaException.external(
            e, "Cannot create %s in %s: %s", TABLE, database.uri(), e.getMessage());
      }
    }
  }

  @Override
  public void close() {
    scheduler.stop();
  }
}

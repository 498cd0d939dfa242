package dev.lagoa.core;

/**
 * What kind of failure an error is, so that every entry point maps it the same way: the CLI to an
 * exit code, the server to an HTTP status.
 */
public enum ErrorCategory {
  /** The user's input is wrong: configuration, a command's arguments, a data file, a query. */
  USER_INPUT,
  /** Something outside Lagoa failed: a web site, a database, the file system. Retrying may help. */
  EXTERNAL,
  /** A bug in Lagoa. */
  INTERNAL
}

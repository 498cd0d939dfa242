package dev.lagoa.cdc;

/**
 * PostgreSQL WAL positions ({@code pg_lsn}), written as two hexadecimal halves: {@code 0/16B3748}.
 */
public final class Lsn {
  private Lsn() {}

  public static String format(long lsn) {
    return Long.toHexString(lsn >>> 32).toUpperCase()
        + "/"
        + Long.toHexString(lsn & 0xFFFFFFFFL).toUpperCase();
  }

  public static long parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("Cannot read LSN '" + text + "': expected hex/hex");
    }
    return (Long.parseLong(text.substring(0, slash), 16) << 32)
        | Long.parseLong(text.substring(slash + 1), 16);
  }
}

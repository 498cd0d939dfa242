package dev.lagoa.ingest.read;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Strict UTF-8 validation of one record's bytes. Java's and Jackson's decoders accept some byte
 * sequences that are not UTF-8 (overlong forms such as {@code C0 AF}, UTF-16 surrogates encoded as
 * {@code ED A0 80}); DuckDB rejects them, and a record it rejects would fail its whole batch, so
 * the reader decides here first.
 */
public final class Utf8 {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;

  private Utf8() {}

  /**
   * Why {@code bytes[offset, offset + length)} is not valid UTF-8, or null when it is. The position
   * named is 0-based within the record.
   */
  public static String problem(byte[] bytes, int offset, int length) {
    int end = offset + length;
    int i = offset;
    while (i < end) {
      // ASCII, the common case, eight bytes at a time.
      while (i + Long.BYTES <= end && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
        i += Long.BYTES;
      }
      if (i >= end) {
        break;
      }
      int b = bytes[i] & 0xff;
      if (b < 0x80) {
        i++;
        continue;
      }
      int at = i - offset;
      int needed;
      int min2 = 0x80;
      int max2 = 0xbf;
      if (b >= 0xc2 && b <= 0xdf) {
        needed = 1;
      } else if (b == 0xc0 || b == 0xc1) {
        return "overlong encoding at byte " + at + " of the record";
      } else if (b >= 0xe0 && b <= 0xef) {
        needed = 2;
        if (b == 0xe0) {
          min2 = 0xa0;
        } else if (b == 0xed) {
          max2 = 0x9f;
        }
      } else if (b >= 0xf0 && b <= 0xf4) {
        needed = 3;
        if (b == 0xf0) {
          min2 = 0x90;
        } else if (b == 0xf4) {
          max2 = 0x8f;
        }
      } else if (b >= 0x80 && b <= 0xbf) {
        return "unexpected continuation byte at byte " + at + " of the record";
      } else {
        return String.format("byte 0x%02x at byte %d of the record is never UTF-8", b, at);
      }
      if (i + needed >= end) {
        return "truncated sequence at byte " + at + " of the record";
      }
      int second = bytes[i + 1] & 0xff;
      if (second < min2 || second > max2) {
        if (b == 0xed && second >= 0xa0 && second <= 0xbf) {
          return "encoded UTF-16 surrogate at byte " + at + " of the record";
        }
        if ((b == 0xe0 || b == 0xf0) && second >= 0x80 && second < min2) {
          return "overlong encoding at byte " + at + " of the record";
        }
        return "invalid sequence at byte " + at + " of the record";
      }
      for (int k = 2; k <= needed; k++) {
        int next = bytes[i + k] & 0xff;
        if (next < 0x80 || next > 0xbf) {
          return "invalid sequence at byte " + at + " of the record";
        }
      }
      i += needed + 1;
    }
    return null;
  }

  /** Whether a string holds a UTF-16 surrogate that is not part of a pair (from a JSON escape). */
  public static boolean hasUnpairedSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
          continue;
        }
        return true;
      }
      if (Character.isLowSurrogate(c)) {
        return true;
      }
    }
    return false;
  }
}

package dev.lagoa.runtime;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.SQLException;

/** How query values read as text: what {@code lagoa sql} and the SQL console print. */
public final class DisplayValues {
  private DisplayValues() {}

  /** The value as text; null stays null. */
  public static String of(Object value) throws SQLException {
    if (value == null) {
      return null;
    }
    if (value instanceof Blob blob) {
      return bytes(blob.getBytes(1, Math.toIntExact(blob.length())));
    }
    if (value instanceof byte[] bytes) {
      return bytes(bytes);
    }
    return value.toString();
  }

  /**
   * Binary values as text a person can read and a program can decode: UTF-8 text as itself, with
   * control characters and backslashes escaped ({@code \x0A}, {@code \\}); other bytes as {@code
   * \xHH}, the way DuckDB writes a BLOB literal.
   */
  static String bytes(byte[] bytes) {
    StringBuilder text = new StringBuilder(bytes.length);
    try {
      String decoded =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      decoded
          .codePoints()
          .forEach(
              c -> {
                if (c == '\\') {
                  text.append("\\\\");
                } else if (c < 0x20 || c == 0x7F) {
                  text.append(String.format("\\x%02X", c));
                } else {
                  text.appendCodePoint(c);
                }
              });
    } catch (CharacterCodingException e) {
      for (byte b : bytes) {
        int c = b & 0xFF;
        if (c == '\\') {
          text.append("\\\\");
        } else if (c >= 0x20 && c < 0x7F) {
          text.append((char) c);
        } else {
          text.append(String.format("\\x%02X", c));
        }
      }
    }
    return text.toString();
  }
}

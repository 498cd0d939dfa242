package dev.lagoa.testing.data;

import java.math.BigDecimal;

/** Numbers as B3 writes them: dots between thousands, a comma before decimals. */
final class BrazilianNumbers {
  private BrazilianNumbers() {}

  /** {@code 4273841357} as {@code 4.273.841.357}. */
  static String integer(long value) {
    String digits = Long.toString(Math.abs(value));
    StringBuilder text = new StringBuilder(value < 0 ? "-" : "");
    for (int i = 0; i < digits.length(); i++) {
      if (i > 0 && (digits.length() - i) % 3 == 0) {
        text.append('.');
      }
      text.append(digits.charAt(i));
    }
    return text.toString();
  }

  /** {@code 15931091.73262046} as {@code 15.931.091,73262046}; keeps the value's scale. */
  static String decimal(BigDecimal value) {
    String plain = value.abs().toPlainString();
    int point = plain.indexOf('.');
    String whole = point < 0 ? plain : plain.substring(0, point);
    String sign = value.signum() < 0 ? "-" : "";
    String grouped = sign + integer(Long.parseLong(whole));
    return point < 0 ? grouped : grouped + "," + plain.substring(point + 1);
  }
}

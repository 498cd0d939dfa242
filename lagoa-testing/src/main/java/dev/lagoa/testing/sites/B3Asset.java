package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One stock of the B3 fixture portfolio.
 *
 * @param code the ticker, "ALOS3"
 * @param name the company as B3 writes it, upper case, with Portuguese accents
 * @param type the share type, "ON NM" (two spaces, as B3 pads it)
 * @param theoreticalQuantity the theoretical quantity of shares in the index
 * @param participation the percentage of the index, three decimals
 */
public record B3Asset(
    String code, String name, String type, long theoreticalQuantity, BigDecimal participation) {
  public B3Asset {
    requireNonNull(code, "code is null");
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(participation, "participation is null");
  }
}

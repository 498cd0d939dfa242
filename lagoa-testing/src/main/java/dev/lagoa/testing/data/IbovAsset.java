package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * One asset of the IBOVESPA theoretical portfolio of a day.
 *
 * @param segment the B3 economic sector, e.g. {@code Materiais Básicos}
 * @param cod the ticker, e.g. {@code PETR4}
 * @param asset the company name as B3 lists it, e.g. {@code PETROBRAS}
 * @param type the share type as B3 pads it, e.g. {@code "PN N2"} or {@code "ON"}
 * @param part participation in percent, three decimals
 * @param partAcum participation accumulated within the segment up to this asset, in the order of
 *     {@link IbovPortfolio#assets()}
 * @param theoricalQty theoretical quantity of shares
 */
public record IbovAsset(
    String segment,
    String cod,
    String asset,
    String type,
    BigDecimal part,
    BigDecimal partAcum,
    long theoricalQty) {
  public IbovAsset {
    requireNonNull(segment, "segment is null");
    requireNonNull(cod, "cod is null");
    requireNonNull(asset, "asset is null");
    requireNonNull(type, "type is null");
    requireNonNull(part, "part is null");
    requireNonNull(partAcum, "partAcum is null");
  }
}

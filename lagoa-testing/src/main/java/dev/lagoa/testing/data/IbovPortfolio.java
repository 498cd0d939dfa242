package dev.lagoa.testing.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * The IBOVESPA theoretical portfolio of a day ("carteira do dia").
 *
 * @param assets sorted by segment, then company name, then ticker; participations sum to exactly
 *     100.000
 * @param theoricalQty the sum of the assets' theoretical quantities
 * @param reductor the index divisor, eight decimals
 */
public record IbovPortfolio(
    LocalDate date, List<IbovAsset> assets, long theoricalQty, BigDecimal reductor) {
  public IbovPortfolio {
    requireNonNull(date, "date is null");
    assets = List.copyOf(requireNonNull(assets, "assets is null"));
    requireNonNull(reductor, "reductor is null");
  }
}

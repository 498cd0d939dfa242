package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;

/**
 * A product of the {@link ShopSite} fixture.
 *
 * @param id the shop's numeric id, as text (Next.js data keeps ids as strings)
 * @param slug the last part of its detail page's path
 * @param price in euros
 */
public record ShopProduct(String id, String name, String slug, String sku, BigDecimal price) {
  public ShopProduct {
    requireNonNull(id, "id is null");
    requireNonNull(name, "name is null");
    requireNonNull(slug, "slug is null");
    requireNonNull(sku, "sku is null");
    requireNonNull(price, "price is null");
  }

  /** The detail page's absolute path, {@code /shop/p/<slug>/}. */
  public String path() {
    return "/shop/p/" + slug + "/";
  }
}

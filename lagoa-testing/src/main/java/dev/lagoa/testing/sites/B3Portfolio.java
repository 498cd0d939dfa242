package dev.lagoa.testing.sites;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The IBOVESPA theoretical portfolio of one day ("carteira do dia") of the B3 fixture site,
 * generated from a seed. Participations add up to about 100%.
 */
public record B3Portfolio(LocalDate date, List<B3Asset> assets, BigDecimal reductor) {
  private static final List<String> NAMES =
      List.of(
          "ALLOS",
          "AMBEV S/A",
          "ASSAI",
          "AZZAS 2154",
          "B3",
          "BANCO DO BRASIL",
          "BRADESCO",
          "BRASKEM",
          "BRF SA",
          "CEMIG",
          "COPEL",
          "COSAN",
          "CPFL ENERGIA",
          "CYRELA REALT",
          "ELETROBRÁS",
          "EMBRAER",
          "ENERGISA",
          "ENEVA",
          "EQUATORIAL",
          "GERDAU",
          "HAPVIDA",
          "ITAÚSA",
          "ITAÚ UNIBANCO",
          "JBS",
          "KLABIN S/A",
          "LOCALIZA",
          "LOJAS RENNER",
          "MAGAZ LUIZA",
          "MARFRIG",
          "MRV",
          "NATURA",
          "PETROBRÁS",
          "PETRORIO",
          "PÃO DE AÇÚCAR",
          "RAIA DROGASIL",
          "RUMO S.A.",
          "SABESP",
          "SANTANDER BR",
          "SÃO MARTINHO",
          "SUZANO S.A.",
          "TELEF BRASIL",
          "TIM",
          "TOTVS",
          "ULTRAPAR",
          "USIMINAS",
          "VALE",
          "VIBRA",
          "WEG");
  private static final List<String> TYPES =
      List.of("ON  NM", "PN  N1", "UNT N2", "ON  N1", "PNA N1", "ON  ED  NM");

  public B3Portfolio {
    requireNonNull(date, "date is null");
    assets = List.copyOf(requireNonNull(assets, "assets is null"));
    requireNonNull(reductor, "reductor is null");
  }

  /**
   * 86 stocks, about the size of the real index, on 3 November 2025 (day and month easy to swap).
   */
  public static B3Portfolio standard() {
    return generate(11, 86, LocalDate.of(2025, 11, 3));
  }

  public static B3Portfolio generate(long seed, int count, LocalDate date) {
    Random random = new Random(seed);
    Set<String> codes = new HashSet<>();
    List<B3Asset> assets = new ArrayList<>();
    double[] weights = new double[count];
    double total = 0;
    for (int i = 0; i < count; i++) {
      weights[i] = 0.2 + random.nextDouble() * (i % 9 == 0 ? 12 : 2);
      total += weights[i];
    }
    for (int i = 0; i < count; i++) {
      String name = NAMES.get(i % NAMES.size());
      String code;
      do {
        code = ticker(name, random);
      } while (!codes.add(code));
      BigDecimal participation =
          BigDecimal.valueOf(weights[i] * 100 / total).setScale(3, RoundingMode.HALF_UP);
      long quantity = 50_000_000L + (long) (random.nextDouble() * 4_500_000_000L);
      assets.add(
          new B3Asset(
              code, name, TYPES.get(random.nextInt(TYPES.size())), quantity, participation));
    }
    return new B3Portfolio(date, assets, new BigDecimal("17282590.56271553"));
  }

  private static String ticker(String name, Random random) {
    String letters = name.replaceAll("[^A-Z]", "");
    StringBuilder code =
        new StringBuilder(letters.length() >= 4 ? letters.substring(0, 4) : letters);
    while (code.length() < 4) {
      code.append((char) ('A' + random.nextInt(26)));
    }
    if (random.nextBoolean()) {
      code.setCharAt(3, (char) ('A' + random.nextInt(26)));
    }
    return code + List.of("3", "4", "11", "5", "6").get(random.nextInt(5));
  }

  /** The sum of every stock's theoretical quantity, the "Quantidade Teórica Total". */
  public long theoreticalTotal() {
    return assets.stream().mapToLong(B3Asset::theoreticalQuantity).sum();
  }
}

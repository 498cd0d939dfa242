package dev.lagoa.testing.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.lagoa.testing.data.IbovComposition.Constituent;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded IBOVESPA theoretical portfolios ("carteira do dia", DESIGN.md §1.4) in B3's two real
 * shapes: the paged JSON of the {@code GetPortfolioDay} API and the download CSV. The composition
 * (86 assets) is fixed; theoretical quantities and the reductor change only when the index is
 * rebalanced (January, May, September); participations move a little every day and always sum to
 * exactly 100,000.
 */
public final class BovespaGenerator {
  public static final int DEFAULT_PAGE_SIZE = 20;

  private static final DateTimeFormatter B3_DATE = DateTimeFormatter.ofPattern("dd/MM/yy");
  private static final DateTimeFormatter CSV_FILE_DATE = DateTimeFormatter.ofPattern("dd-MM-yy");
  private static final BigDecimal BASE_REDUCTOR = new BigDecimal("15931091.73262046");
  private static final BigDecimal THOUSANDTH = new BigDecimal("0.001");
  private static final JsonFactory JSON = new JsonFactory();

  private final long seed;

  public BovespaGenerator(long seed) {
    this.seed = seed;
  }

  /** The portfolio of {@code date}, its assets sorted by segment, company name and ticker. */
  public IbovPortfolio portfolio(LocalDate date) {
    int period = date.getYear() * 3 + (date.getMonthValue() - 1) / 4;
    SplittableRandom periodRandom = new SplittableRandom(seed ^ period * 0x9E3779B97F4A7C15L);
    SplittableRandom dayRandom =
        new SplittableRandom(seed ^ date.toEpochDay() * 0xC2B2AE3D27D4EB4FL);
    List<Constituent> constituents = IbovComposition.CONSTITUENTS;
    double[] weights = new double[constituents.size()];
    long[] quantities = new long[constituents.size()];
    for (int i = 0; i < constituents.size(); i++) {
      Constituent constituent = constituents.get(i);
      double quantityFactor = 1 + 0.04 * periodRandom.nextGaussian();
      double priceFactor =
          Math.exp(0.05 * periodRandom.nextGaussian() + 0.015 * dayRandom.nextGaussian());
      quantities[i] = Math.round(constituent.theoricalQty() * quantityFactor);
      weights[i] = constituent.part() * quantityFactor * priceFactor;
    }
    BigDecimal reductor =
        BASE_REDUCTOR
            .multiply(BigDecimal.valueOf(1 + 0.01 * periodRandom.nextGaussian()))
            .setScale(8, RoundingMode.HALF_UP);
    long[] thousandths = apportion(weights, 100_000);

    Integer[] order = new Integer[constituents.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(
        order,
        Comparator.comparing((Integer i) -> constituents.get(i).segment())
            .thenComparing(i -> constituents.get(i).asset())
            .thenComparing(i -> constituents.get(i).cod()));
    List<IbovAsset> assets = new ArrayList<>(order.length);
    long total = 0;
    long accumulated = 0;
    String segment = null;
    for (int i : order) {
      Constituent constituent = constituents.get(i);
      if (!constituent.segment().equals(segment)) {
        segment = constituent.segment();
        accumulated = 0;
      }
      accumulated += thousandths[i];
      total += quantities[i];
      assets.add(
          new IbovAsset(
              constituent.segment(),
              constituent.cod(),
              constituent.asset(),
              constituent.type(),
              BigDecimal.valueOf(thousandths[i], 3),
              BigDecimal.valueOf(accumulated, 3),
              quantities[i]));
    }
    return new IbovPortfolio(date, assets, total, reductor);
  }

  /**
   * One page of the {@code GetPortfolioDay} response for {@code date}, as B3 serves it (compact,
   * UTF-8): {@code {"page":{"pageNumber":1,"pageSize":20,"totalRecords":86,"totalPages":5},
   * "header":{"date":"29/10/25","text":"Quantidade Teórica Total","part":"100,000","partAcum":null,
   * "textReductor":"Redutor","reductor":"15.931.091,73262046","theoricalQty":"96.571.029.272"},
   * "results":[{"segment":"Bens Industriais","cod":"AZUL4","asset":"AZUL","type":"PN N2",
   * "part":"0,240","partAcum":"0,240","theoricalQty":"327.593.725"}, ...]}}. Numbers are pt-BR
   * strings; a page past the last has no results.
   */
  public String portfolioDayJson(LocalDate date, int pageNumber, int pageSize) {
    if (pageNumber < 1 || pageSize < 1) {
      throw new IllegalArgumentException(
          "pageNumber was "
              + pageNumber
              + " and pageSize "
              + pageSize
              + " but both must be at least 1");
    }
    IbovPortfolio portfolio = portfolio(date);
    List<IbovAsset> assets = portfolio.assets();
    int totalPages = (assets.size() + pageSize - 1) / pageSize;
    StringWriter text = new StringWriter();
    try (JsonGenerator json = JSON.createGenerator(text)) {
      json.writeStartObject();
      json.writeObjectFieldStart("page");
      json.writeNumberField("pageNumber", pageNumber);
      json.writeNumberField("pageSize", pageSize);
      json.writeNumberField("totalRecords", assets.size());
      json.writeNumberField("totalPages", totalPages);
      json.writeEndObject();
      json.writeObjectFieldStart("header");
      json.writeStringField("date", B3_DATE.format(date));
      json.writeStringField("text", "Quantidade Teórica Total");
      json.writeStringField("part", "100,000");
      json.writeNullField("partAcum");
      json.writeStringField("textReductor", "Redutor");
      json.writeStringField("reductor", BrazilianNumbers.decimal(portfolio.reductor()));
      json.writeStringField("theoricalQty", BrazilianNumbers.integer(portfolio.theoricalQty()));
      json.writeEndObject();
      json.writeArrayFieldStart("results");
      long from = (long) (pageNumber - 1) * pageSize;
      for (long i = from; i < Math.min(assets.size(), from + pageSize); i++) {
        IbovAsset asset = assets.get((int) i);
        json.writeStartObject();
        json.writeStringField("segment", asset.segment());
        json.writeStringField("cod", asset.cod());
        json.writeStringField("asset", asset.asset());
        json.writeStringField("type", asset.type());
        json.writeStringField("part", BrazilianNumbers.decimal(asset.part()));
        json.writeStringField("partAcum", BrazilianNumbers.decimal(asset.partAcum()));
        json.writeStringField("theoricalQty", BrazilianNumbers.integer(asset.theoricalQty()));
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the portfolio of " + date + " as JSON", e);
    }
    return text.toString();
  }

  /**
   * Writes every page of {@link #portfolioDayJson} for {@code date} as UTF-8 files {@code
   * GetPortfolioDay_IBOV_2025-10-29_page1.json}, ...; returns them in page order.
   */
  public List<Path> writePortfolioDayJson(Path dir, LocalDate date, int pageSize) {
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize was " + pageSize + " but it must be at least 1");
    }
    int totalPages = (IbovComposition.CONSTITUENTS.size() + pageSize - 1) / pageSize;
    List<Path> files = new ArrayList<>(totalPages);
    for (int page = 1; page <= totalPages; page++) {
      Path file = dir.resolve("GetPortfolioDay_IBOV_" + date + "_page" + page + ".json");
      write(file, portfolioDayJson(date, page, pageSize).getBytes(StandardCharsets.UTF_8));
      files.add(file);
    }
    return files;
  }

  /**
   * The download CSV for {@code date}, as B3 serves it: ISO-8859-1, {@code ;}-separated, {@code \n}
   * line ends, a title line, a header without a trailing {@code ;}, data rows sorted by company
   * name each ending in {@code ;}, pt-BR numbers, and two footer lines:
   *
   * <pre>
   * IBOV - Carteira do Dia 29/10/25
   * Código;Ação;Tipo;Qtde. Teórica;Part. (%)
   * RRRP3;3R PETROLEUM;ON      NM;235.661.666;0,287;
   * ...
   * Quantidade Teórica Total;;;96.571.029.272;100,000
   * Redutor;;;15.931.091,73262046
   * </pre>
   */
  public byte[] downloadCsv(LocalDate date) {
    IbovPortfolio portfolio = portfolio(date);
    List<IbovAsset> byName = new ArrayList<>(portfolio.assets());
    byName.sort(Comparator.comparing(IbovAsset::asset).thenComparing(IbovAsset::cod));
    StringBuilder text = new StringBuilder();
    text.append("IBOV - Carteira do Dia ").append(B3_DATE.format(date)).append('\n');
    text.append("Código;Ação;Tipo;Qtde. Teórica;Part. (%)\n");
    for (IbovAsset asset : byName) {
      text.append(asset.cod())
          .append(';')
          .append(asset.asset())
          .append(';')
          .append(asset.type())
          .append(';')
          .append(BrazilianNumbers.integer(asset.theoricalQty()))
          .append(';')
          .append(BrazilianNumbers.decimal(asset.part()))
          .append(";\n");
    }
    text.append("Quantidade Teórica Total;;;")
        .append(BrazilianNumbers.integer(portfolio.theoricalQty()))
        .append(";100,000\n");
    text.append("Redutor;;;").append(BrazilianNumbers.decimal(portfolio.reductor())).append('\n');
    return latin1(text);
  }

  /** Writes {@link #downloadCsv} as {@code IBOVDia_29-10-25.csv}, B3's own file name. */
  public Path writeDownloadCsv(Path dir, LocalDate date) {
    Path file = dir.resolve("IBOVDia_" + CSV_FILE_DATE.format(date) + ".csv");
    write(file, downloadCsv(date));
    return file;
  }

  /** Splits {@code total} units by weight, largest remainders first, so the parts sum exactly. */
  private static long[] apportion(double[] weights, long total) {
    double sum = Arrays.stream(weights).sum();
    long[] units = new long[weights.length];
    double[] remainders = new double[weights.length];
    long assigned = 0;
    for (int i = 0; i < weights.length; i++) {
      double exact = weights[i] / sum * total;
      units[i] = (long) Math.floor(exact);
      remainders[i] = exact - units[i];
      assigned += units[i];
    }
    Integer[] byRemainder = new Integer[weights.length];
    Arrays.setAll(byRemainder, i -> i);
    Arrays.sort(byRemainder, Comparator.comparingDouble((Integer i) -> remainders[i]).reversed());
    // Flooring leaves fewer units than weights unassigned, so one pass hands out the rest.
    for (int k = 0; assigned < total; k++) {
      units[byRemainder[k]]++;
      assigned++;
    }
    return units;
  }

  private static byte[] latin1(CharSequence text) {
    try {
      ByteBuffer bytes =
          StandardCharsets.ISO_8859_1
              .newEncoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .encode(CharBuffer.wrap(text));
      return Arrays.copyOf(bytes.array(), bytes.limit());
    } catch (CharacterCodingException e) {
      throw new IllegalStateException("Cannot encode the IBOV CSV as ISO-8859-1: " + e, e);
    }
  }

  private static void write(Path file, byte[] content) {
    try (OutputStream out = OutputFiles.create(file)) {
      out.write(content);
    } catch (IOException e) {
      throw OutputFiles.cannotWrite(file, e);
    }
  }
}

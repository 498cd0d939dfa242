package dev.lagoa.testing.data;

import java.util.List;

/**
 * The constituents of the IBOVESPA theoretical portfolio the generator draws from: tickers, names,
 * share types and B3 economic sectors as the index listed them in late 2023, with rough weights and
 * share counts. Types keep B3's padding ({@code "ON NM"}, {@code "ON EJ NM"}): the share class
 * padded to eight characters, then the listing segment. A few names carry accents (B3 spells most
 * without) so that the ISO-8859-1 encoding of the download CSV is exercised beyond its header.
 */
final class IbovComposition {
  static final String INDUSTRIALS = "Bens Industriais";
  static final String TELECOM = "Comunicações";
  static final String CYCLICAL = "Consumo Cíclico";
  static final String NON_CYCLICAL = "Consumo não Cíclico";
  static final String FINANCIAL = "Financeiro e Outros";
  static final String MATERIALS = "Materiais Básicos";
  static final String OIL_AND_GAS = "Petróleo, Gás e Biocombustíveis";
  static final String HEALTH = "Saúde";
  static final String TECH = "Tecnologia da Informação";
  static final String UTILITIES = "Utilidade Pública";

  /** One constituent: {@code part} in percent, {@code theoricalQty} in shares. */
  record Constituent(
      String cod, String asset, String type, String segment, double part, long theoricalQty) {}

  static final List<Constituent> CONSTITUENTS =
      List.of(
          c("RRRP3", "3R PETROLEUM", "ON      NM", OIL_AND_GAS, 0.29, 235_662),
          c("ALOS3", "ALLOS", "ON      NM", FINANCIAL, 0.63, 532_617),
          c("ALPA4", "ALPARGATAS", "PN      N1", CYCLICAL, 0.09, 208_966),
          c("ABEV3", "AMBEV S/A", "ON", NON_CYCLICAL, 2.82, 4_394_246),
          c("ARZZ3", "AREZZO CO", "ON      NM", CYCLICAL, 0.19, 62_306),
          c("ASAI3", "ASSAI", "ON      NM", NON_CYCLICAL, 0.80, 1_349_646),
          c("AZUL4", "AZUL", "PN      N2", INDUSTRIALS, 0.24, 327_594),
          c("B3SA3", "B3", "ON      NM", FINANCIAL, 3.74, 5_694_553),
          c("BBSE3", "BBSEGURIDADE", "ON      NM", FINANCIAL, 0.94, 671_751),
          c("BBDC3", "BRADESCO", "ON      N1", FINANCIAL, 1.02, 1_500_729),
          c("BBDC4", "BRADESCO", "PN      N1", FINANCIAL, 3.93, 5_146_577),
          c("BRAP4", "BRADESPAR", "PN      N1", MATERIALS, 0.27, 251_003),
          c("BBAS3", "BRASIL", "ON  EJ  NM", FINANCIAL, 3.35, 1_420_949),
          c("BRKM5", "BRASKEM", "PNA     N1", MATERIALS, 0.20, 265_479),
          c("BRFS3", "BRF SA", "ON      NM", NON_CYCLICAL, 1.03, 1_677_525),
          c("BPAC11", "BTGP BANCO", "UNT     N2", FINANCIAL, 1.88, 1_150_646),
          c("CRFB3", "CARREFOUR BR", "ON      NM", NON_CYCLICAL, 0.28, 531_372),
          c("BHIA3", "CASAS BAHIA", "ON      NM", CYCLICAL, 0.05, 94_463),
          c("CCRO3", "CCR SA", "ON      NM", INDUSTRIALS, 0.63, 995_336),
          c("CMIG4", "CEMIG", "PN      N1", UTILITIES, 0.73, 1_437_416),
          c("CIEL3", "CIELO", "ON      NM", FINANCIAL, 0.22, 1_095_462),
          c("COGN3", "COGNA ON", "ON      NM", CYCLICAL, 0.28, 1_815_525),
          c("CPLE6", "COPEL", "PNB     N2", UTILITIES, 0.74, 1_679_335),
          c("CSAN3", "COSAN", "ON      NM", OIL_AND_GAS, 0.96, 1_168_098),
          c("CPFE3", "CPFL ENERGIA", "ON      NM", UTILITIES, 0.31, 187_733),
          c("CMIN3", "CSNMINERACAO", "ON      N2", MATERIALS, 0.35, 1_110_559),
          c("CVCB3", "CVC BRASIL", "ON      NM", CYCLICAL, 0.08, 443_906),
          c("CYRE3", "CYRELA REALT", "ON  ED  NM", CYCLICAL, 0.29, 265_785),
          c("DXCO3", "DEXCO", "ON      NM", MATERIALS, 0.11, 303_056),
          c("ELET3", "ELETROBRAS", "ON      N1", UTILITIES, 3.65, 1_980_568),
          c("ELET6", "ELETROBRAS", "PNB     N1", UTILITIES, 0.55, 270_231),
          c("EMBR3", "EMBRAER", "ON      NM", INDUSTRIALS, 0.78, 734_633),
          c("ENGI11", "ENERGISA", "UNT     N2", UTILITIES, 0.66, 290_436),
          c("ENEV3", "ENEVA", "ON      NM", UTILITIES, 0.94, 1_578_931),
          c("EGIE3", "ENGIE BRASIL", "ON      NM", UTILITIES, 0.51, 255_231),
          c("EQTL3", "EQUATORIAL", "ON      NM", UTILITIES, 1.68, 1_095_587),
          c("EZTC3", "EZTEC", "ON      NM", CYCLICAL, 0.08, 91_514),
          c("FLRY3", "FLEURY", "ON      NM", HEALTH, 0.28, 345_270),
          c("GGBR4", "GERDAU", "PN      N1", MATERIALS, 1.16, 1_118_526),
          c("GOAU4", "GERDAU MET", "PN      N1", MATERIALS, 0.31, 660_411),
          c("GOLL4", "GOL", "PN      N2", INDUSTRIALS, 0.08, 198_185),
          c("NTCO3", "GRUPO NATURA", "ON      NM", NON_CYCLICAL, 0.61, 839_638),
          c("SOMA3", "GRUPO SOMA", "ON      NM", CYCLICAL, 0.16, 496_030),
          c("HAPV3", "HAPVIDA", "ON      NM", HEALTH, 0.89, 4_324_011),
          c("HYPE3", "HYPERA", "ON      NM", HEALTH, 0.66, 409_490),
          c("IGTI11", "IGUATEMI S.A", "UNT     N1", FINANCIAL, 0.24, 217_622),
          c("IRBR3", "IRBBRASIL RE", "ON      NM", FINANCIAL, 0.18, 81_839),
          c("ITSA4", "ITAÚSA", "PN      N1", FINANCIAL, 2.45, 5_457_172),
          c("ITUB4", "ITAÚUNIBANCO", "PN  EJ  N1", FINANCIAL, 6.98, 4_801_594),
          c("JBSS3", "JBS", "ON      NM", NON_CYCLICAL, 1.20, 1_134_986),
          c("KLBN11", "KLABIN S/A", "UNT     N2", MATERIALS, 0.68, 706_747),
          c("RENT3", "LOCALIZA", "ON      NM", CYCLICAL, 2.46, 852_601),
          c("LWSA3", "LOCAWEB", "ON      NM", TECH, 0.12, 425_162),
          c("LREN3", "LOJAS RENNER", "ON      NM", CYCLICAL, 0.74, 951_318),
          c("MGLU3", "MAGAZ LUIZA", "ON      NM", CYCLICAL, 0.31, 2_867_627),
          c("MRFG3", "MARFRIG", "ON      NM", NON_CYCLICAL, 0.13, 292_587),
          c("BEEF3", "MINERVA", "ON      NM", NON_CYCLICAL, 0.09, 261_036),
          c("MRVE3", "MRV", "ON      NM", CYCLICAL, 0.18, 376_188),
          c("MULT3", "MULTIPLAN", "ON      N2", FINANCIAL, 0.34, 266_965),
          c("PCAR3", "P.AÇÚCAR-CBD", "ON      NM", NON_CYCLICAL, 0.03, 159_431),
          c("PETR3", "PETROBRAS", "ON      N2", OIL_AND_GAS, 4.27, 2_585_312),
          c("PETR4", "PETROBRAS", "PN      N2", OIL_AND_GAS, 7.14, 4_566_446),
          c("RECV3", "PETRORECSA", "ON  EJ  NM", OIL_AND_GAS, 0.26, 274_958),
          c("PRIO3", "PETRORIO", "ON  ED  NM", OIL_AND_GAS, 1.67, 798_275),
          c("PETZ3", "PETZ", "ON      NM", CYCLICAL, 0.06, 329_077),
          c("RADL3", "RAIADROGASIL", "ON      NM", HEALTH, 1.65, 1_263_597),
          c("RAIZ4", "RAÍZEN", "PN      N2", OIL_AND_GAS, 0.19, 1_193_671),
          c("RDOR3", "REDE D OR", "ON      NM", HEALTH, 1.47, 1_168_230),
          c("RAIL3", "RUMO S.A.", "ON      NM", INDUSTRIALS, 1.24, 1_218_353),
          c("SBSP3", "SABESP", "ON      NM", UTILITIES, 1.07, 340_002),
          c("SANB11", "SANTANDER BR", "UNT", FINANCIAL, 0.48, 342_918),
          c("SMTO3", "SÃO MARTINHO", "ON      NM", NON_CYCLICAL, 0.19, 143_294),
          c("CSNA3", "SID NACIONAL", "ON", MATERIALS, 0.47, 600_865),
          c("SLCE3", "SLC AGRICOLA", "ON      NM", NON_CYCLICAL, 0.17, 203_649),
          c("SUZB3", "SUZANO S.A.", "ON      NM", MATERIALS, 1.59, 683_453),
          c("TAEE11", "TAESA", "UNT     N2", UTILITIES, 0.36, 218_568),
          c("VIVT3", "TELEF BRASIL", "ON", TELECOM, 1.02, 423_092),
          c("TIMS3", "TIM", "ON      NM", TELECOM, 0.66, 807_897),
          c("TOTS3", "TOTVS", "ON      NM", TECH, 0.78, 514_122),
          c("UGPA3", "ULTRAPAR", "ON      NM", OIL_AND_GAS, 1.25, 1_086_411),
          c("USIM5", "USIMINAS", "PNA     N1", MATERIALS, 0.20, 515_117),
          c("VALE3", "VALE", "ON      NM", MATERIALS, 14.38, 4_427_123),
          c("VAMO3", "VAMOS", "ON      NM", INDUSTRIALS, 0.18, 421_383),
          c("VBBR3", "VIBRA", "ON      NM", OIL_AND_GAS, 1.07, 1_114_413),
          c("WEGE3", "WEG", "ON      NM", INDUSTRIALS, 2.38, 1_481_593),
          c("YDUQ3", "YDUQS PART", "ON      NM", CYCLICAL, 0.30, 289_348));

  private IbovComposition() {}

  private static Constituent c(
      String cod, String asset, String type, String segment, double part, long thousandShares) {
    return new Constituent(cod, asset, type, segment, part, thousandShares * 1_000);
  }
}

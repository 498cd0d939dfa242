/* lagoa:
# The IBOVESPA theoretical portfolio, one row per portfolio day and ticker, with the names the refined
# layer uses. Each new raw file adds its day; a day scraped twice keeps the row with a sector (the API
# shape; the CSV download has none), then the latest scrape.
materialized: incremental
table: refined.carteira_ibov
unique_key: [data_carteira, codigo]
order_by: setor = 'Não informado', scraped_at_utc DESC   # rows with a sector (API) win, then the latest
partition_by: [data_carteira, codigo]
write_mode: overwrite_partitions
expectations:
  - name: has_ticker
    expect: codigo IS NOT NULL AND codigo <> ''
    on_failure: drop
  - name: has_portfolio_date
    expect: data_carteira IS NOT NULL
    on_failure: drop
  - name: participation_is_a_share
    expect: percentual_participacao_ibov BETWEEN 0 AND 100
    on_failure: drop
tests:
  - not_null: [data_carteira, codigo, quantidade_teorica_acoes]
  - unique: [data_carteira, codigo]
*/
SELECT
  CAST(data_carteira AS DATE) AS data_carteira,
  upper(trim(codigo)) AS codigo,
  trim(acao) AS acao,
  trim(tipo) AS tipo,
  coalesce(setor, 'Não informado') AS setor,
  CAST(qtde_teorica AS BIGINT) AS quantidade_teorica_acoes,
  CAST(participacao_pct AS DOUBLE) AS percentual_participacao_ibov,
  datediff(current_date, CAST(data_carteira AS DATE)) AS dias_desde_coleta,
  scraped_at_utc,
  source_url
FROM {{ source('b3', 'ibov_carteira') }}

/* lagoa:
# The IBOVESPA theoretical portfolio, one row per trading day and ticker, with the names the
# refined layer uses. Each new raw file adds its day; a day collected twice keeps the latest collection.
materialized: incremental
table: refined.carteira_ibov
unique_key: [data_pregao, codigo]
order_by: coletado_em DESC
partition_by: [data_pregao, codigo]
write_mode: overwrite_partitions
expectations:
  - name: has_ticker
    expect: codigo IS NOT NULL AND codigo <> ''
    on_failure: drop
  - name: participation_is_a_share
    expect: percentual_participacao_ibov BETWEEN 0 AND 100
    on_failure: drop
tests:
  - not_null: [data_pregao, codigo, quantidade_teorica_acoes]
  - unique: [data_pregao, codigo]
*/
SELECT
  data_pregao,
  upper(trim(codigo)) AS codigo,
  acao,
  tipo,
  coalesce(setor, 'Não informado') AS setor,
  qtde_teorica AS quantidade_teorica_acoes,
  participacao_pct AS percentual_participacao_ibov,
  datediff(current_date, data_pregao) AS dias_desde_coleta,
  coletado_em,
  fonte
FROM {{ source('b3', 'ibov_carteira') }}

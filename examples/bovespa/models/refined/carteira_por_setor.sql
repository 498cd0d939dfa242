/* lagoa:
# Per portfolio day, sector and share type: how many stocks, their theoretical quantity and their share
# of the index. Rebuilt whenever the refined portfolio changes.
materialized: table
table: refined.carteira_por_setor
partition_by: [data_carteira]
tests:
  - unique: [data_carteira, setor, tipo]
*/
SELECT
  data_carteira,
  setor,
  tipo,
  count(*) AS quantidade_acoes,
  sum(quantidade_teorica_acoes) AS soma_quantidade_teorica,
  round(avg(percentual_participacao_ibov), 4) AS media_participacao_ibov,
  round(sum(percentual_participacao_ibov), 3) AS participacao_total_ibov
FROM {{ ref('carteira_refinada') }}
GROUP BY data_carteira, setor, tipo

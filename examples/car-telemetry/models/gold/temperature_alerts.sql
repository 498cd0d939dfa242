/* lagoa:
# Readings whose engine or oil temperature is over its threshold: engine above 110 °C, oil above 130 °C.
materialized: table
partition_by: [event_date]
tests:
  - accepted_values: {column: alert_type, values: [engine_and_oil_overheat, engine_overheat, oil_overheat]}
*/
SELECT
  carChassis,
  Manufacturer,
  Model,
  metrics_metricTimestamp AS reading_at,
  event_date,
  metrics_engineTempCelsius AS engine_temp_celsius,
  metrics_oilTempCelsius AS oil_temp_celsius,
  CASE
    WHEN metrics_engineTempCelsius > 110 AND metrics_oilTempCelsius > 130 THEN 'engine_and_oil_overheat'
    WHEN metrics_engineTempCelsius > 110 THEN 'engine_overheat'
    ELSE 'oil_overheat'
  END AS alert_type
FROM {{ ref('car_readings') }}
WHERE metrics_engineTempCelsius > 110 OR metrics_oilTempCelsius > 130

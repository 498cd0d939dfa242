/* lagoa:
# The most recent reading of every car.
materialized: table
tests:
  - unique: carChassis
  - not_null: [carChassis]
*/
SELECT
  carChassis,
  Manufacturer,
  Model,
  ModelYear,
  color,
  currentMileage,
  metrics_metricTimestamp AS last_reading_at,
  event_date AS last_reading_date,
  fuel_level_percentage,
  km_per_liter,
  metrics_engineTempCelsius,
  metrics_oilTempCelsius,
  metrics_batteryChargePerc,
  market_currentPrice,
  market_currency,
  market_location
FROM (
  SELECT
    *,
    row_number() OVER (
      PARTITION BY carChassis
      ORDER BY metrics_metricTimestamp DESC, currentMileage DESC) AS reading_rank
  FROM {{ ref('car_readings') }}
) ranked
WHERE reading_rank = 1

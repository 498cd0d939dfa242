/* lagoa:
# Consolidation of the raw readings: only what arrived since the last run is read, flattened and
# cleansed, merged with the silver rows of the days it touches, and those days are rewritten.
materialized: incremental
table: silver.car_readings
unique_key: [carChassis, event_date]
order_by: currentMileage DESC          # one row per car and day: the highest mileage
partition_by: [event_date]
write_mode: overwrite_partitions
expectations:
  - name: has_chassis
    expect: carChassis IS NOT NULL
    on_failure: drop
  - name: readable_timestamp
    expect: metrics_metricTimestamp IS NOT NULL
    on_failure: drop
  - name: non_negative_mileage
    expect: currentMileage >= 0
    on_failure: drop
  - name: fuel_within_tank
    expect: fuel_level_percentage <= 100
    on_failure: warn
tests:
  - not_null: [carChassis, event_date, Manufacturer]
  - unique: [carChassis, event_date]
*/
WITH readings AS (
  SELECT
    *,
    to_timestamp(metrics.metricTimestamp, 'EEE, dd MMM yyyy HH:mm:ss') AS metric_ts
  FROM {{ source('bronze', 'car_readings') }}
)
SELECT
  carChassis,
  Model,
  year,
  ModelYear,
  initcap(Manufacturer) AS Manufacturer,
  horsePower,
  gasType,
  currentMileage,
  lower(color) AS color,
  fuelCapacityLiters,
  metrics.engineTempCelsius AS metrics_engineTempCelsius,
  metrics.oilTempCelsius AS metrics_oilTempCelsius,
  metrics.batteryChargePerc AS metrics_batteryChargePerc,
  metrics.fuelAvailableLiters AS metrics_fuelAvailableLiters,
  metrics.coolantCelsius AS metrics_coolantCelsius,
  metric_ts AS metrics_metricTimestamp,
  metrics.trip.tripMileage AS metrics_trip_tripMileage,
  metrics.trip.tripTimeMinutes AS metrics_trip_tripTimeMinutes,
  metrics.trip.tripFuelLiters AS metrics_trip_tripFuelLiters,
  metrics.trip.tripMaxSpeedKm AS metrics_trip_tripMaxSpeedKm,
  metrics.trip.tripAverageSpeedKm AS metrics_trip_tripAverageSpeedKm,
  to_timestamp(metrics.trip.tripStartTimestamp, 'EEE, dd MMM yyyy HH:mm:ss') AS metrics_trip_tripStartTimestamp,
  carInsurance.number AS carInsurance_number,
  carInsurance.provider AS carInsurance_provider,
  to_date(carInsurance.validUntil, 'yyyy-MM-dd') AS carInsurance_validUntil,
  market.currentPrice AS market_currentPrice,
  market.currency AS market_currency,
  market.location AS market_location,
  market.dealer AS market_dealer,
  market.warrantyYears AS market_warrantyYears,
  market.evaluator AS market_evaluator,
  CASE WHEN fuelCapacityLiters > 0
    THEN round(metrics.fuelAvailableLiters / fuelCapacityLiters * 100, 2) END AS fuel_level_percentage,
  CASE WHEN metrics.trip.tripFuelLiters > 0
    THEN round(metrics.trip.tripMileage / metrics.trip.tripFuelLiters, 2) END AS km_per_liter,
  CAST(metric_ts AS DATE) AS event_date,
  _source_file,
  _ingested_at
FROM readings

/* lagoa:
# Fuel efficiency of every car over all its consolidated days.
materialized: table
tests:
  - unique: carChassis
*/
SELECT
  carChassis,
  Manufacturer,
  Model,
  gasType,
  count(*) AS days_with_readings,
  round(sum(metrics_trip_tripMileage), 2) AS total_trip_km,
  round(sum(metrics_trip_tripFuelLiters), 2) AS total_trip_fuel_liters,
  CASE WHEN sum(metrics_trip_tripFuelLiters) > 0
    THEN round(sum(metrics_trip_tripMileage) / sum(metrics_trip_tripFuelLiters), 2) END AS km_per_liter,
  round(avg(km_per_liter), 2) AS avg_daily_km_per_liter
FROM {{ ref('car_readings') }}
GROUP BY carChassis, Manufacturer, Model, gasType

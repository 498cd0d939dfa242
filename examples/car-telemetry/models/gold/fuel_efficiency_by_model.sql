/* lagoa:
# Fuel efficiency of every car model, for comparing models rather than drivers.
materialized: table
tests:
  - unique: [Manufacturer, Model, gasType]
*/
SELECT
  Manufacturer,
  Model,
  gasType,
  count(DISTINCT carChassis) AS cars,
  round(sum(metrics_trip_tripMileage), 2) AS total_trip_km,
  round(sum(metrics_trip_tripFuelLiters), 2) AS total_trip_fuel_liters,
  CASE WHEN sum(metrics_trip_tripFuelLiters) > 0
    THEN round(sum(metrics_trip_tripMileage) / sum(metrics_trip_tripFuelLiters), 2) END AS km_per_liter
FROM {{ ref('car_readings') }}
GROUP BY Manufacturer, Model, gasType

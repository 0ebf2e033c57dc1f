-- wrk script: POST one sample record to /predict, like the load generator does.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"code":2000000011730,"product_name":"Walnuts","energy_kj_100g":2966,"fat_100g":69,"saturated_fat_100g":6,"sugars_100g":2.5,"salt_100g":0.0508,"fiber_100g":6.5,"proteins_100g":16}'

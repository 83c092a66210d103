-- wrk script: GET an authenticated list (the path given to wrk) with the bearer token in $TOKEN,
-- counts answers by status. Measures what every authenticated request pays (token check, session
-- state, rate limit) on top of a light query.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
LABEL = "LIST"
dofile("bench/auth/count.lua")

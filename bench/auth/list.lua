-- wrk script: GET an authenticated list (the path given to wrk) with the bearer token in $TOKEN,
-- counts answers by status. Measures what every authenticated request pays (token check, session
-- state, rate limit) on top of a light query.
wrk.method = "GET"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; other = 0 end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, n = 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); n = n + t:get("other") end
  io.write(string.format("LIST_OK=%d\nLIST_OTHER=%d\n", o, n))
  io.write(string.format("p50=%.2fms p90=%.2fms p99=%.2fms max=%.1fms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

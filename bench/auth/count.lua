-- Shared by the wrk scripts of this folder (set LABEL first): counts answers by status and prints them
-- with the latency percentiles.
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) ok = 0; other = 0 end
function response(status, headers, body)
  if status == 200 then ok = ok + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local o, n = 0, 0
  for _, t in ipairs(threads) do o = o + t:get("ok"); n = n + t:get("other") end
  io.write(string.format("%s_OK=%d\n%s_OTHER=%d\n", LABEL, o, LABEL, n))
  io.write(string.format("p50=%.1fms p90=%.1fms p99=%.1fms max=%.1fms\n", latency:percentile(50) / 1000,
    latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end

-- wrk script: replays pre-signed Twilio status callbacks (one per line: path<TAB>signature<TAB>body),
-- each wrk thread taking every Nth line, and counts the answers that were not 200.
local threads = {}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  requests = {}
  local n = 0
  local total = tonumber(os.getenv("BENCH_THREADS") or "2")
  for line in io.lines(os.getenv("BENCH_REQUESTS")) do
    n = n + 1
    if (n % total) == (id - 1) then
      local path, sig, body = line:match("^([^\t]*)\t([^\t]*)\t(.*)$")
      table.insert(requests, wrk.format("POST", path,
        { ["Content-Type"] = "application/x-www-form-urlencoded", ["X-Twilio-Signature"] = sig }, body))
    end
  end
  index = 0
  not_ok = 0
  ok = 0
end

function request()
  index = index + 1
  if index > #requests then index = 1 end
  return requests[index]
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1 else not_ok = not_ok + 1 end
end

function done(summary, latency, requests)
  local total_ok, total_bad = 0, 0
  for _, t in ipairs(threads) do
    total_ok = total_ok + t:get("ok")
    total_bad = total_bad + t:get("not_ok")
  end
  io.write(string.format("answers: %d x 200, %d other\n", total_ok, total_bad))
  io.write(string.format("latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms\n",
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("ANSWERED_OK=%d\n", total_ok))
end

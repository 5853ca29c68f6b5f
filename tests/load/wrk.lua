-- wrk script for tests/load/run.sh.
-- Arguments (after "--"): a file of request paths, one a line, rotated over by every connection; then an optional
-- API key sent as X-Api-Key. Counts every response that is not 2xx (wrk itself only counts 4xx/5xx) and prints one
-- machine-readable RESULT line that run.sh reads.

local threads = {}

function setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_number", #threads)
end

function init(args)
  non2xx = 0
  if args[2] ~= nil and args[2] ~= "" then
    wrk.headers["X-Api-Key"] = args[2]
  end
  requests = {}
  for path in io.lines(args[1]) do
    if path ~= "" then
      requests[#requests + 1] = wrk.format(nil, path)
    end
  end
  -- Threads start at different places in the list, so they do not ask for the same path at the same moment.
  position = ((thread_number or 1) - 1) * math.floor(#requests / 2)
end

function request()
  position = position % #requests + 1
  return requests[position]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  end
end

function done(summary, latency, requests)
  local non2xx_total = 0
  for _, thread in ipairs(threads) do
    non2xx_total = non2xx_total + (thread:get("non2xx") or 0)
  end
  local errors = summary.errors
  io.write(string.format("RESULT requests=%d duration_us=%d p50_us=%d p99_us=%d non2xx=%d socket_errors=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), non2xx_total,
    errors.connect + errors.read + errors.write + errors.timeout))
end

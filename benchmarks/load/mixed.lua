-- wrk script for the itm serve load test: a mix of text searches and "similar images" requests.
--   wrk -s mixed.lua URL -- QUERIES_FILE IMAGE_IDS SIMILAR_PERCENT
-- QUERIES_FILE holds one URL-encoded sentence per line (captions of the indexed collection, so queries look like a
-- user's); similar requests pick a random indexed image: IMAGE_IDS is a count N (ids 1..N, as a fresh index numbers
-- its images) or a file of ids, one per line. At the end it prints one JSON line
-- (prefixed "wrk-json ") with the latency percentiles and error counts for run.sh to record.

local queries = {}
local image_ids = {}
local image_count = 1
local similar_percent = 0
local thread_counter = 0
local threads = {}

function setup(thread)
  thread_counter = thread_counter + 1
  thread:set("seed", thread_counter)
  table.insert(threads, thread)
end

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then queries[#queries + 1] = line end
  end
  image_count = tonumber(args[2])
  if image_count == nil then
    for line in io.lines(args[2]) do
      if #line > 0 then image_ids[#image_ids + 1] = line end
    end
    image_count = #image_ids
  end
  similar_percent = tonumber(args[3])
  math.randomseed(seed * 7919)
  non_ok = 0
  unavailable = 0
end

function request()
  if math.random(100) <= similar_percent then
    local pick = math.random(image_count)
    return wrk.format("GET", "/api/similar/" .. (image_ids[pick] or pick) .. "?k=10")
  end
  return wrk.format("GET", "/api/search?k=10&q=" .. queries[math.random(#queries)])
end

function response(status, headers, body)
  if status ~= 200 then non_ok = non_ok + 1 end
  if status == 503 then unavailable = unavailable + 1 end
end

function done(summary, latency, requests)
  local non_ok_total = 0
  local unavailable_total = 0
  for _, thread in ipairs(threads) do
    non_ok_total = non_ok_total + thread:get("non_ok")
    unavailable_total = unavailable_total + thread:get("unavailable")
  end
  local errors = summary.errors
  io.write(string.format(
    'wrk-json {"requests": %d, "seconds": %.3f, "requests_per_second": %.1f, "non_200": %d, "status_503": %d, ' ..
    '"socket_errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"latency_ms": {"p50": %.2f, "p90": %.2f, "p99": %.2f, "p999": %.2f, "max": %.2f, "mean": %.2f}}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), non_ok_total, unavailable_total,
    errors.connect, errors.read, errors.write, errors.status, errors.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000))
end

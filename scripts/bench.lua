-- wrk script for `make bench`: replays the requests of a data file in order, round and round.
--   wrk ... -s scripts/bench.lua URL -- DATAFILE [START]
-- Each line of DATAFILE is METHOD<TAB>PATH<TAB>COOKIE<TAB>BODY (BODY may be empty). Every
-- request comes as through a TLS proxy (X-Forwarded-Proto: https) from a browser with htmx
-- (HX-Request), with an Origin for the CSRF check. done() prints one JSON line: request
-- count, duration, latency percentiles, status counts and how many htmx redirects came back
-- (an answer out of turn or to a finished attempt: the bench made a mistake).

local requests = {}
local next_index = 0
statuses = {}
redirects = 0

local threads = {}

function setup(thread)
   table.insert(threads, thread)
end

local function split(line)
   local fields = {}
   for field in (line .. "\t"):gmatch("([^\t]*)\t") do
      table.insert(fields, field)
   end
   return fields
end

function init(args)
   local origin = "https://" .. wrk.host .. ":" .. wrk.port
   for line in io.lines(args[1]) do
      local f = split(line)
      local headers = {
         ["Cookie"] = f[3],
         ["X-Forwarded-Proto"] = "https",
         ["HX-Request"] = "true",
      }
      local body = nil
      if f[1] == "POST" then
         headers["Content-Type"] = "application/x-www-form-urlencoded"
         headers["Origin"] = origin
         body = f[4]
      end
      table.insert(requests, wrk.format(f[1], f[2], headers, body))
   end
   -- Start past the requests a warm-up already sent, so answers move on, not repeat.
   next_index = (tonumber(args[2]) or 0) % #requests
end

function request()
   next_index = next_index % #requests + 1
   return requests[next_index]
end

function response(status, headers, body)
   statuses[status] = (statuses[status] or 0) + 1
   if headers["HX-Redirect"] or headers["hx-redirect"] then
      redirects = redirects + 1
   end
end

function done(summary, latency, requests)
   local counts, hx = {}, 0
   for _, thread in ipairs(threads) do
      for status, n in pairs(thread:get("statuses")) do
         counts[#counts + 1] = string.format('"%d": %d', status, n)
      end
      hx = hx + thread:get("redirects")
   end
   local e = summary.errors
   io.write(string.format(
      'BENCH {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, '
      .. '"socket_errors": %d, "statuses": {%s}, "hx_redirects": %d}\n',
      summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
      e.connect + e.read + e.write + e.timeout, table.concat(counts, ", "), hx))
end

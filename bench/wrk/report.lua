-- wrk's done() hook: one JSON line with the request count, duration, errors and latency percentiles (microseconds).
return function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.status + summary.errors.timeout
  io.write(string.format(
    '{"requests":%d,"seconds":%.6f,"rps":%.3f,"errors":%d,"non2xx":%d,' ..
    '"p50us":%d,"p90us":%d,"p99us":%d,"maxus":%d,"meanus":%.1f}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), errors,
    summary.errors.status, latency:percentile(50), latency:percentile(90), latency:percentile(99),
    latency.max, latency.mean))
end

-- GET with an account token (X-Plex-Token from the TOKEN environment variable) asking for JSON, as the SDK
-- and plexjs do. Prints one JSON line of results when done; every answer but a 200 counts as an error.
wrk.method = "GET"
wrk.headers["Accept"] = "application/json"
wrk.headers["X-Plex-Client-Identifier"] = "plexauth-bench"
wrk.headers["X-Plex-Token"] = os.getenv("TOKEN") or ""

local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
done = report

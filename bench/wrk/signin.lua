-- POST /api/v2/users/signin with the right password of one of ACCOUNTS accounts (bench1 … benchN, password
-- bench-password-N), each request the next account, so no account is locked and every answer is a 201.
-- Each account signs in from one client identifier, so its one device token is replaced, never multiplied.
local accounts = tonumber(os.getenv("ACCOUNTS") or "16")
local next_account = 0
local requests = {}

function init(args)
  for i = 1, accounts do
    local body = "login=bench" .. i .. "&password=bench-password-" .. i
    requests[i] = wrk.format("POST", "/api/v2/users/signin", {
      ["Accept"] = "application/json",
      ["Content-Type"] = "application/x-www-form-urlencoded",
      ["X-Plex-Client-Identifier"] = "plexauth-bench-" .. i,
      ["X-Plex-Product"] = "plexauth-bench",
    }, body)
  end
end

function request()
  next_account = next_account % accounts + 1
  return requests[next_account]
end

local report = dofile(os.getenv("BENCH_WRK_DIR") .. "/report.lua")
done = report

-- PUT of the same 1 MB recording as a new segment of a new call each time; args: wav-file tenant authorization
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local n, tenant, run = 0, nil, nil

function init(args)
  seed()
  local f = io.open(args[1], "rb")
  wrk.body = f:read("*a")
  f:close()
  tenant = args[2]
  wrk.headers["Authorization"] = args[3]
  wrk.headers["Content-Type"] = "audio/wav"
  run = tostring(math.random(1, 1000000000))
end

function request()
  n = n + 1
  return wrk.format("PUT", "/v1/tenants/" .. tenant .. "/calls/ing-" .. run .. "-" .. tid .. "-" .. n .. "/recordings/1")
end

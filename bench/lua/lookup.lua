-- Wellcloud recordings2 of a random call of the big catalog; args: calls authorization
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local calls

function init(args)
  seed()
  calls = tonumber(args[1])
  wrk.headers["Authorization"] = args[2]
end

function request()
  return wrk.format("GET", "/api/operation/tenant/calls/lk-" .. math.random(0, calls - 1) .. "/recordings2")
end

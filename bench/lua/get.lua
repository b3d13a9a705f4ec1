-- GET of a random path from a list; args: paths-file [authorization]
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local paths

function init(args)
  seed()
  paths = lines(args[1])
  if args[2] then wrk.headers["Authorization"] = args[2] end
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

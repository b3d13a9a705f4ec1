-- GET of a random 64 KiB range of a random path; args: paths-file file-size [authorization]
package.path = package.path .. ";" .. debug.getinfo(1, "S").source:sub(2):match("(.*/)") .. "?.lua"
require "common"
local paths, size

function init(args)
  seed()
  paths = lines(args[1])
  size = tonumber(args[2])
  if args[3] then wrk.headers["Authorization"] = args[3] end
end

function request()
  local start = math.random(0, size - 65536)
  -- wrk.format uses the table given instead of wrk.headers, so the shared headers are copied in
  local headers = { Range = "bytes=" .. start .. "-" .. (start + 65535) }
  for k, v in pairs(wrk.headers) do headers[k] = v end
  return wrk.format("GET", paths[math.random(#paths)], headers)
end

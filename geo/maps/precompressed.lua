-- HAProxy: serve the gzip -9 copies that `python -m geo.maps.precompress FOLDER` wrote (issue 25, point 11).
--
-- HAProxy's own gzip (libslz) is fast but weak; these copies are about 40 % smaller and cost nothing per
-- request. Loaded once at start (global: `setenv ATLAS_PRECOMPRESSED FOLDER` and `lua-load` this file);
-- the frontend answers from memory where the fetch says so:
--   http-request use-service lua.atlas_precompressed if { lua.atlas_precompressed -m bool }
-- Anything not in the manifest, or a browser that does not accept gzip, goes to the app as before.
-- Files marked `identity` (the cut icon font: WOFF2 is compressed already) go to every browser as they are.

local folder = os.getenv("ATLAS_PRECOMPRESSED") or "/usr/local/etc/haproxy/precompressed"
local files = {}

local function read(path)
  local handle = assert(io.open(path, "rb"))
  local body = handle:read("*a")
  handle:close()
  return body
end

core.register_init(function()
  local count, size = 0, 0
  for line in io.lines(folder .. "/manifest.tsv") do
    local url, content_type, cache, encoding = line:match("^([^\t]+)\t([^\t]+)\t([^\t]+)\t([^\t]+)$")
    if url then
      local gzipped = encoding == "gzip"
      local body = read(folder .. url .. (gzipped and ".gz" or ""))
      files[url] = { content_type = content_type, cache = cache, body = body, gzipped = gzipped }
      count, size = count + 1, size + #body
    end
  end
  core.Info(string.format("atlas_precompressed: %d files, %d bytes from %s", count, size, folder))
end)

-- gzip accepted unless refused with q=0 (RFC 9110, 12.5.3)
local function accepts_gzip(header)
  if not header then
    return false
  end
  for coding in header:lower():gmatch("[^,]+") do
    local name, q = coding:match("^%s*([%w%-*]+)%s*;?%s*q?=?%s*([%d.]*)")
    if (name == "gzip" or name == "*") and (q == "" or tonumber(q) == nil or tonumber(q) > 0) then
      return true
    end
  end
  return false
end

core.register_fetches("atlas_precompressed", function(txn)
  local method = txn.f:method()
  if method ~= "GET" and method ~= "HEAD" then
    return false
  end
  local file = files[txn.f:path()]
  return file ~= nil and (not file.gzipped or accepts_gzip(txn.f:req_fhdr("accept-encoding")))
end)

core.register_service("atlas_precompressed", "http", function(applet)
  local file = files[applet.path]
  applet:set_status(200)
  applet:add_header("content-type", file.content_type)
  if file.gzipped then
    applet:add_header("content-encoding", "gzip")
    applet:add_header("vary", "Accept-Encoding")
  end
  applet:add_header("cache-control", file.cache)
  applet:add_header("content-length", tostring(#file.body))
  applet:start_response()
  if applet.method ~= "HEAD" then
    applet:send(file.body)
  end
end)


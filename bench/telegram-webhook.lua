-- wrk script: Telegram webhook deliveries (POST /channels/telegram/webhook with the secret).
-- MODE=new: every request from a chat not seen before (each opens an application: a receipt
-- hash); MODE=flood: every request from one chat (past his hourly limit, turned away early).
-- Synthetic chat ids and texts only.
local secret = os.getenv("SECRET") or ""
local mode = os.getenv("MODE") or "new"
wrk.method = "POST"
wrk.path = "/channels/telegram/webhook"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["X-Telegram-Bot-Api-Secret-Token"] = secret

local n = 0
local base = 0

function init(args)
  -- Each wrk thread has its own Lua state: a distinct range of ids per thread.
  base = (tonumber(tostring({}):match("0x(%x+)"), 16) % 100000) * 100000 + 1000000
end

function request()
  n = n + 1
  local chat = (mode == "flood") and 4242 or (base + n)
  local body = string.format(
    '{"update_id":%d,"message":{"message_id":%d,"date":0,"chat":{"id":%d,"type":"private"},"text":"synthetic %d"}}',
    base + n, base + n, chat, n)
  return wrk.format(nil, nil, nil, body)
end

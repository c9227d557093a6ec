-- detect: counts failed logons (Windows event 4625) per target user across batches and
-- raises one alert when a user reaches the threshold. State lives in this plugin's Lua
-- state for the whole run.
local THRESHOLD = 5
local failures = {}

function detect(events)
  local found = {}
  for i, e in ipairs(events) do
    if e.EventID == 4625 then
      local user = tostring(e.TargetUserName or "?")
      failures[user] = (failures[user] or 0) + 1
      if failures[user] == THRESHOLD then
        found[#found + 1] = {
          event = i,
          name = "failed_logons",
          title = "Repeated failed logons for " .. user,
          severity = "high",
          tags = { "attack.credential_access", "attack.t1110" },
        }
      end
    end
  end
  return found
end

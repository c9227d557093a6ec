-- on_alert: an alert on a crown-jewel host becomes critical and is tagged; alerts from the
-- noisy test host are dropped. Returns patches by alert position.
local crown_jewels = { ["dc01.corp.example"] = true }
local ignored = { ["test01.corp.example"] = true }

function on_alert(alerts)
  local patches = {}
  for i, a in ipairs(alerts) do
    local host = a.events[1] and a.events[1].Hostname
    host = type(host) == "string" and string.lower(host) or ""
    if ignored[host] then
      patches[i] = { drop = true }
    elseif crown_jewels[host] then
      local tags = { "crown-jewel" }
      for _, t in ipairs(a.rule.tags) do tags[#tags + 1] = t end
      patches[i] = { severity = "critical", tags = tags }
    end
  end
  return patches
end

-- enrich: tags events run by an administrative account, so rules and later plugins can
-- use `user_is_admin`. Returns patches by event position; unchanged events keep their bytes.
local admins = { ["nt authority\\system"] = true, ["corp\\admin"] = true, ["corp\\svc_backup"] = true }

function enrich(events)
  local patches = {}
  for i, e in ipairs(events) do
    local user = e.User
    if type(user) == "string" and admins[string.lower(user)] then
      patches[i] = { user_is_admin = true, kestrel_tags = { "admin" } }
    end
  end
  return patches
end

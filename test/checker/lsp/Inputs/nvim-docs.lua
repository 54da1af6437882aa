-- Runs the Neovim 0.7 configuration of docs/integration.md as a user would:
-- the snippet ($AG_SNIPPET, extracted from the docs) is loaded, then a C++
-- file is opened, and the snippet's FileType autocommand must start
-- `aliasguard --lsp` (found on PATH) and attach it. Logs the diagnostics to
-- $AG_LOG; any failure or timeout exits Neovim with status 1.
local log = assert(io.open(os.getenv('AG_LOG'), 'w'))
local function say(fmt, ...)
  log:write(string.format(fmt, ...) .. '\n')
  log:flush()
end
local TIMEOUT = 60000

local function run()
  dofile(os.getenv('AG_SNIPPET'))
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('AG_FILE')))
  local bufnr = vim.api.nvim_get_current_buf()
  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) > 0 end, 20),
         'no diagnostic within 60 s')
  local clients = vim.lsp.buf_get_clients(bufnr)
  local names = {}
  for _, c in pairs(clients) do
    table.insert(names, c.name)
  end
  say('attached: %s', table.concat(names, ','))
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    say('diagnostic %d:%d %s: %s', d.lnum + 1, d.col + 1, d.code or '', d.message)
  end
  for _, c in pairs(clients) do
    c.stop()
  end
  assert(vim.wait(TIMEOUT, function()
    for _, c in pairs(clients) do
      if not c.is_stopped() then return false end
    end
    return true
  end, 20), 'the server did not stop')
  say('stopped')
end

local ok, err = pcall(run)
if ok then
  say('OK')
  vim.cmd('qall!')
else
  say('FAILED: %s', tostring(err))
  vim.cmd('cquit 1')
end

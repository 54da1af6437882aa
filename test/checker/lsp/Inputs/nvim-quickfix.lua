-- Neovim's built-in LSP client (0.7 API: vim.lsp.start_client) against
-- `aliasguard --lsp`: open a file with a bug, wait for the diagnostic, apply
-- the quick fix through vim.lsp.buf.code_action() (the user's path: the
-- vim.ui.select menu is answered with its only entry), write the file, wait
-- for the diagnostics to clear, stop the server. Every step is logged to
-- $AG_LOG; any failure or timeout exits Neovim with status 1.
local log = assert(io.open(os.getenv('AG_LOG'), 'w'))
local function say(fmt, ...)
  log:write(string.format(fmt, ...) .. '\n')
  log:flush()
end
local TIMEOUT = 60000

local function run()
  local file = os.getenv('AG_FILE')
  vim.cmd('filetype on')
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  say('filetype: %s', vim.bo[bufnr].filetype)

  local exit_code
  local client_id = vim.lsp.start_client({
    name = 'aliasguard',
    cmd = { os.getenv('AG_ALIASGUARD'), '--lsp', '--lsp-debounce-ms=50', '--',
            '-std=c++20', '-I' .. os.getenv('AG_INCLUDE') },
    root_dir = vim.fn.fnamemodify(file, ':h'),
    on_exit = function(code) exit_code = code end,
  })
  assert(client_id, 'vim.lsp.start_client failed')
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'buf_attach_client failed')

  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) > 0 end, 20),
         'no diagnostic within 60 s')
  local diags = vim.diagnostic.get(bufnr)
  for _, d in ipairs(diags) do
    -- lnum/col are 0-based; col is a byte column (Neovim converted from UTF-16).
    say('diagnostic %d:%d [%s] %s: %s', d.lnum + 1, d.col + 1, d.source, d.code or '',
        d.message)
    local lsp = d.user_data and d.user_data.lsp or {}
    for _, r in ipairs(lsp.relatedInformation or {}) do
      say('  related %d:%d %s', r.location.range.start.line + 1,
          r.location.range.start.character + 1, r.message)
    end
  end

  -- The cursor on the finding, then the code action menu.
  vim.api.nvim_win_set_cursor(0, { diags[1].lnum + 1, diags[1].col })
  local chosen = false
  vim.ui.select = function(items, opts, on_choice)
    say('code actions offered: %d', #items)
    for _, item in ipairs(items) do
      say('  %s (%s)', opts.format_item(item), item[2].kind)
    end
    assert(#items == 1, 'expected exactly one code action')
    on_choice(items[1], 1)
    chosen = true
  end
  vim.lsp.buf.code_action()
  assert(vim.wait(TIMEOUT, function() return chosen end, 20), 'no code action reply')
  say('line after the fix: %s', vim.api.nvim_buf_get_lines(bufnr, 5, 6, true)[1])
  vim.cmd('write')

  assert(vim.wait(TIMEOUT, function() return #vim.diagnostic.get(bufnr) == 0 end, 20),
         'the diagnostic did not go away after the fix')
  say('diagnostics after the fix: %d', #vim.diagnostic.get(bufnr))

  vim.lsp.stop_client(client_id)
  assert(vim.wait(TIMEOUT, function() return exit_code ~= nil end, 20),
         'the server did not exit')
  say('server exit code: %d', exit_code)
end

local ok, err = pcall(run)
if ok then
  say('OK')
  vim.cmd('qall!')
else
  say('FAILED: %s', tostring(err))
  vim.cmd('cquit 1')
end

-- Drives Neovim's built-in LSP client (0.7's API: vim.lsp.start_client and
-- vim.lsp.buf_attach_client) against `api4p-lint server`: opens the payload, waits for the
-- diagnostics the editor shows, applies the quick fix the server offers, waits for the
-- diagnostics to clear, completes a status with the omnifunc, and writes what it saw to $RESULT as JSON for tests/editor.rs.
local bin = os.getenv("API4P_LINT_BIN")
local payload = os.getenv("PAYLOAD")
local result_file = os.getenv("RESULT")
local seen = { errors = {} }

local function finish()
  local f = io.open(result_file, "w")
  f:write(vim.fn.json_encode(seen))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  vim.cmd("edit " .. vim.fn.fnameescape(payload))
  local buf = vim.api.nvim_get_current_buf()
  local client_id = vim.lsp.start_client({
    name = "api4p-lint",
    cmd = { bin, "server" },
    root_dir = vim.fn.fnamemodify(payload, ":h"),
  })
  vim.lsp.buf_attach_client(buf, client_id)
  local client = vim.lsp.get_client_by_id(client_id)

  vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  seen.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(seen.diagnostics, {
      lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
      severity = d.severity, code = d.code, source = d.source, message = d.message,
    })
  end
  if #seen.diagnostics == 0 then error("no diagnostics shown") end

  -- The quick fix for the first diagnostic, as `vim.lsp.buf.code_action()` asks for it.
  local lsp_diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, seen.diagnostics[1].lnum)
  local params = vim.lsp.util.make_range_params()
  params.range = lsp_diagnostics[1].range
  params.context = { diagnostics = lsp_diagnostics }
  local response = client.request_sync("textDocument/codeAction", params, 30000, buf)
  if not response or response.err then error("codeAction failed: " .. vim.inspect(response)) end
  seen.titles = {}
  local chosen
  for _, action in ipairs(response.result or {}) do
    table.insert(seen.titles, action.title)
    if action.kind == "quickfix" and not chosen then chosen = action end
  end
  if not chosen then error("no quick fix") end
  vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)

  vim.wait(30000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  seen.remaining = #vim.diagnostic.get(buf)
  seen.text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), "\n") .. "\n"

  -- Omnifunc completion as a user types it (`<C-x><C-o>` in Insert mode after `"W`): the
  -- keys go through the main loop, so the rest runs from timers. Headless Neovim shows no
  -- menu, and the default 'completeopt' inserts the first match at once: `<Esc>` keeps it.
  vim.bo[buf].omnifunc = "v:lua.vim.lsp.omnifunc"
  local lnum = seen.diagnostics[1].lnum
  local line = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
  local typed = line:gsub('"WON"', '"W"', 1)
  vim.api.nvim_buf_set_lines(buf, lnum, lnum + 1, false, { typed })
  vim.api.nvim_win_set_cursor(0, { lnum + 1, typed:find('"W"', 1, true) + 1 })
  vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("i<C-x><C-o>", true, false, true), "n", false)
  local tries = 0
  local function poll()
    tries = tries + 1
    if #vim.fn.complete_info({ "items" }).items == 0 and tries < 1500 then
      return vim.defer_fn(poll, 20)
    end
    vim.api.nvim_feedkeys(vim.api.nvim_replace_termcodes("<Esc>", true, false, true), "n", false)
    vim.defer_fn(function()
      seen.completed = vim.api.nvim_buf_get_lines(buf, lnum, lnum + 1, false)[1]
      client.stop()
      finish()
    end, 20)
  end
  vim.defer_fn(poll, 20)
end)
if not ok then
  table.insert(seen.errors, tostring(err))
  finish()
end

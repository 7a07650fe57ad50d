-- Neovim 0.7 as a second real LSP client of Fabric Lens (run by test/nvim/neovim.test.ts):
--   nvim --headless -i NONE -u init.lua
-- Opens FL_FILE, starts `FL_NODE FL_SERVER --stdio` with vim.lsp.start_client (0.7 has no vim.lsp.start),
-- waits for the server's diagnostics on that buffer, asks for a hover on FL_HOVER_WORD, writes everything as JSON
-- to FL_OUT and quits. On a timeout it writes {"error": ...} instead, so the test says what went wrong.
local env = function(name)
  local v = os.getenv(name)
  if v == nil or v == '' then error('init.lua: ' .. name .. ' is not set') end
  return v
end

local node, server, file, out = env('FL_NODE'), env('FL_SERVER'), env('FL_FILE'), env('FL_OUT')
local hover_word = os.getenv('FL_HOVER_WORD') or 'writel_relaxed'
local timeout_ms = tonumber(os.getenv('FL_TIMEOUT_MS') or '30000')
local finished = false

local function finish(result)
  if finished then return end
  finished = true
  local f = assert(io.open(out, 'w'))
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.schedule(function() vim.cmd('qa!') end)
end

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
local uri = vim.uri_from_bufnr(bufnr)

local function hover_at_word()
  for lnum, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    local col = line:find(hover_word, 1, true)
    if col then
      local params = { textDocument = { uri = uri }, position = { line = lnum - 1, character = col } }
      local responses = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', params, 10000) or {}
      for _, r in pairs(responses) do
        if r.result and r.result.contents then return r.result.contents end
      end
      return vim.NIL
    end
  end
  return vim.NIL
end

local client_id = vim.lsp.start_client({
  name = 'fabric-lens',
  cmd = { node, server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':p:h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      if result.uri ~= uri or #result.diagnostics == 0 then return end
      vim.schedule(function()
        local shown = {}
        for _, d in ipairs(vim.diagnostic.get(bufnr)) do
          table.insert(shown, { lnum = d.lnum, col = d.col, severity = d.severity, source = d.source, code = d.code, message = d.message })
        end
        finish({ nvim = tostring(vim.version().major) .. '.' .. tostring(vim.version().minor) .. '.' .. tostring(vim.version().patch),
                 uri = uri, published = result, shown = shown, hover = hover_at_word() })
      end)
    end,
  },
  on_exit = function(code) finish({ error = 'language server exited with code ' .. tostring(code) }) end,
})
if not client_id then finish({ error = 'vim.lsp.start_client failed' }) end
vim.lsp.buf_attach_client(bufnr, client_id)

vim.defer_fn(function() finish({ error = 'no diagnostics from fabric-lens within ' .. timeout_ms .. ' ms' }) end, timeout_ms)

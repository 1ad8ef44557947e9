-- Drives dist/server.js from Neovim 0.7.2's built-in LSP client: the minimal third-party client
-- (no pull diagnostics, no inlay-hint support advertised, workspace/configuration from `settings`).
-- Inputs come from the environment; everything observed is written as one JSON object to OPTLENS_OUT.
local out = os.getenv('OPTLENS_OUT')
local server = os.getenv('OPTLENS_SERVER')
local file = os.getenv('OPTLENS_FILE')
local noise_scale = tonumber(os.getenv('OPTLENS_NOISE_SCALE'))
local results = { errors = {} }

local function finish()
  vim.fn.writefile({ vim.fn.json_encode(results) }, out)
  vim.cmd('qa!')
end

local latest = nil
local client_id = vim.lsp.start_client({
  name = 'optlens',
  cmd = { 'node', server, '--stdio' },
  root_dir = vim.fn.fnamemodify(file, ':h'),
  settings = { optlens = { noiseScale = noise_scale } },
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result) latest = result end,
  },
  on_error = function(code, err) table.insert(results.errors, tostring(code) .. ': ' .. vim.inspect(err)) end,
})

vim.cmd('edit ' .. vim.fn.fnameescape(file))
local bufnr = vim.api.nvim_get_current_buf()
vim.lsp.buf_attach_client(bufnr, client_id)
local client = vim.lsp.get_client_by_id(client_id)
local doc = { uri = vim.uri_from_bufnr(bufnr) }

local function has_code(params, code)
  for _, d in ipairs(params and params.diagnostics or {}) do
    if d.code == code then return d end
  end
  return nil
end

if not vim.wait(20000, function() return has_code(latest, 'surge-risk') ~= nil end, 20) then
  table.insert(results.errors, 'no surge-risk diagnostic pushed')
  return finish()
end
results.serverName = client.server_capabilities and client.name
results.diagnostics = latest.diagnostics

local hover = client.request_sync('textDocument/hover', { textDocument = doc, position = { line = 2, character = 3 } }, 10000, bufnr)
results.hover = hover and hover.result

local hints = client.request_sync('textDocument/inlayHint', {
  textDocument = doc,
  range = { start = { line = 0, character = 0 }, ['end'] = { line = vim.api.nvim_buf_line_count(bufnr), character = 0 } },
}, 10000, bufnr)
results.hints = hints and hints.result

local surge = has_code(latest, 'surge-risk')
local actions = client.request_sync('textDocument/codeAction', {
  textDocument = doc, range = surge.range, context = { diagnostics = { surge } },
}, 10000, bufnr)
results.actions = actions and actions.result

-- Apply the preferred fix with Neovim's own edit machinery; Neovim then sends didChange.
for _, action in ipairs(results.actions or {}) do
  if action.isPreferred then
    vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
    break
  end
end
results.linesAfter = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
vim.wait(20000, function() return latest ~= nil and has_code(latest, 'surge-risk') == nil end, 20)
results.diagnosticsAfterFix = latest.diagnostics
finish()

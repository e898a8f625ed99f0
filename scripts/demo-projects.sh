# Two demo projects with one DSN key each, created once and kept across runs.
DEMO_PROJECTS=(1 2)

demo_seed_projects() {
  fw_psql <<'SQL'
INSERT INTO projects (id, slug, name) VALUES (1, 'demo-backend', 'Demo backend'), (2, 'demo-frontend', 'Demo frontend')
ON CONFLICT (id) DO NOTHING;
INSERT INTO project_keys (public_key, project_id)
SELECT md5(random()::text || clock_timestamp()::text), p.id FROM projects p
WHERE p.id IN (1, 2) AND NOT EXISTS (SELECT 1 FROM project_keys k WHERE k.project_id = p.id AND k.is_active);
SQL
}

demo_key() { fw_psql -tA -c "SELECT public_key FROM project_keys WHERE project_id = $1 AND is_active ORDER BY created_at LIMIT 1"; }
demo_dsn() { echo "http://$(demo_key "$1")@127.0.0.1:$FW_GATEWAY_PORT/$1"; }

# The demo's admin token, of the default organization (the demo projects' one). The secret lives in a file
# only its owner can read, so every `up` prints the same token; PostgreSQL keeps only its SHA-256. A token
# revoked through the API is replaced by a new one.
DEMO_TOKEN_FILE="$FW_HOME/demo-admin-token"

demo_token() { cat "$DEMO_TOKEN_FILE"; }
demo_token_hash() { printf %s "$(demo_token)" | sha256sum | cut -c1-64; }

demo_seed_token() {
  if [[ -s "$DEMO_TOKEN_FILE" ]] && [[ "$(fw_psql -tA -c "SELECT revoked_at IS NOT NULL FROM api_tokens
      WHERE token_hash = '$(demo_token_hash)'")" == t ]]; then
    rm -f "$DEMO_TOKEN_FILE"
  fi
  [[ -s "$DEMO_TOKEN_FILE" ]] || (umask 077; printf 'fwt_%s\n' "$(od -An -tx1 -N32 /dev/urandom | tr -d ' \n')" > "$DEMO_TOKEN_FILE")
  local token; token="$(demo_token)"
  fw_psql -c "INSERT INTO api_tokens (organization_id, name, scopes, token_hash, token_prefix)
    VALUES (1, 'demo admin', '{admin}', '$(demo_token_hash)', '${token:0:12}') ON CONFLICT (token_hash) DO NOTHING"
}

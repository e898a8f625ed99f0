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

# The demo's admin token, of the default organization (the demo projects' one). CreateTokenMain keeps the
# secret in a file only its owner can read and prints it again while it is valid (a revoked one is
# replaced), so every `up` prints the same token; PostgreSQL keeps only its SHA-256. Needs apps.sh and the
# built jars.
DEMO_TOKEN_FILE="$FW_HOME/demo-admin-token"

demo_token() {
  # The last line: the secret (the process logs, if anything, before it).
  java -cp "$(app_jar api):$FW_ROOT/$(app_module api)/target/lib/*" \
    io.faultwatch.api.CreateTokenMain --name "demo admin" --scopes admin --keep-in "$DEMO_TOKEN_FILE" | tail -n 1
}

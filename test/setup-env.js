// n8n-core writes its settings under N8N_USER_FOLDER and logs through its own logger: keep both out of the way.
const os = require('node:os');
const path = require('node:path');
const fs = require('node:fs');
if (!process.env.N8N_USER_FOLDER) {
	process.env.N8N_USER_FOLDER = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-rpa-jest-'));
}
process.env.N8N_LOG_LEVEL = process.env.N8N_LOG_LEVEL ?? 'silent';
process.env.N8N_ENCRYPTION_KEY = process.env.N8N_ENCRYPTION_KEY ?? 'test-encryption-key';
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';

// One token request at a time per credential in this process. n8n calls preAuthentication for every execution
// that finds the token field empty or meets a 401, each with the credential as that execution read it; after a
// token expires, every busy execution meets the 401 at once, and each would ask the identity server for a token (a
// storm that can trip its rate limit). So requests for one credential (the same values the token depends on) share
// the one in flight, and an execution that comes with the token another one has just replaced gets the new token
// instead of asking again. Each process asks once: processes share the token through the credential row, which
// n8n re-reads for every request, but nothing else (see README, "Running at scale").
import { createHash } from 'node:crypto';
import type { ICredentialDataDecryptedObject, IDataObject } from 'n8n-workflow';

/** how long a new token is handed to executions that come with the one it replaced: the 401s of one moment */
const REUSE_MS = 60_000;

/** what preAuthentication stores: the token fields */
type Issued = IDataObject;

const inFlight = new Map<string, Promise<Issued>>();
const replaced = new Map<string, { stale: unknown; issued: Issued; at: number }>();

/** What the token depends on, hashed: no secret is kept in clear as a key. */
function keyOf(credentials: ICredentialDataDecryptedObject, inputs: readonly string[]): string {
	return createHash('sha256')
		.update(JSON.stringify(inputs.map((name) => credentials[name] ?? null)))
		.digest('base64url');
}

/** `fetch`'s token, shared by the executions of this process that ask for it at the same time. */
export async function oneTokenAtATime(
	credentials: ICredentialDataDecryptedObject,
	inputs: readonly string[],
	fetch: () => Promise<Issued>,
): Promise<Issued> {
	const key = keyOf(credentials, inputs);
	const stale = credentials.accessToken ?? '';
	const last = replaced.get(key);
	if (last && last.stale === stale && Date.now() - last.at < REUSE_MS) return last.issued;
	let flight = inFlight.get(key);
	if (!flight) {
		flight = fetch();
		inFlight.set(key, flight);
		flight.then(
			(issued) => replaced.set(key, { stale, issued, at: Date.now() }),
			() => undefined,
		);
		void flight.finally(() => inFlight.delete(key)).catch(() => undefined);
	}
	return await flight;
}

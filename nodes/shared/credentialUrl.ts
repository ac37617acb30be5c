// The URL fields of the credentials, checked before anything is sent. A host without a scheme ("cloud.uipath.com")
// would otherwise fail as a bare "Invalid URL", or look like an outage of the service. http:// is taken only for a
// loopback address or with the credential's "Allow Unencrypted HTTP" switch: over http the token, the client secret
// and the password would cross the network in clear, readable by anyone on the way.
import { CredentialRejectedError } from './http';

/** The name of the switch in every credential's form (see `unencryptedHttpField`). */
export const ALLOW_UNENCRYPTED = 'Allow Unencrypted HTTP (Insecure)';

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
function isLoopback(hostname: string): boolean {
	return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

/**
 * The field's URL without trailing slashes (`fallback` when empty), or an error that names the field and the fix.
 * `allowUnencrypted`: the credential's switch is on, so http:// is taken for any host.
 */
export function credentialUrl(value: unknown, field: string, fallback = '', allowUnencrypted = false): string {
	const text = String(value ?? '').trim().replace(/\/+$/, '') || fallback;
	const host = text.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
	if (!/^https?:\/\/[^/\s]/i.test(text) || !URL.canParse(text)) {
		throw new CredentialRejectedError(
			text
				? `The credential's ${field} "${text}" is not a full URL: it needs https:// in front, e.g. "https://${host}"`
				: `The credential's ${field} is empty: give it with https:// in front`,
		);
	}
	const url = new URL(text);
	if (url.protocol === 'http:' && !allowUnencrypted && !isLoopback(url.hostname)) {
		throw new CredentialRejectedError(
			`The credential's ${field} "${text}" uses http://: the token and secrets would cross the network unencrypted. Use "https://${host}", or, for a server without TLS on a network you trust, turn on "${ALLOW_UNENCRYPTED}" in the credential`,
		);
	}
	return text;
}

// The URL fields of the credentials, checked before anything is sent. A host without a scheme ("cloud.uipath.com")
// would otherwise fail as a bare "Invalid URL", or look like an outage of the service.
import { CredentialRejectedError } from './http';

/** The field's URL without trailing slashes (`fallback` when empty), or an error that names the field and the fix. */
export function credentialUrl(value: unknown, field: string, fallback = ''): string {
	const text = String(value ?? '').trim().replace(/\/+$/, '') || fallback;
	if (/^https?:\/\/[^/\s]/i.test(text) && URL.canParse(text)) return text;
	const host = text.replace(/^[a-z][a-z0-9+.-]*:\/*/i, '');
	throw new CredentialRejectedError(
		text
			? `The credential's ${field} "${text}" is not a full URL: it needs https:// in front, e.g. "https://${host}"`
			: `The credential's ${field} is empty: give it with https:// in front`,
	);
}

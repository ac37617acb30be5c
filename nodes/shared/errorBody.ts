// Reads the API's own message and error code out of an error answer, whatever shape it has: UiPath's
// `{message, errorCode}`, classic ABP `{error: {code, message, details}, __abp: true}`, OAuth
// `{error, error_description}`, `{errors: [...]}` or `{errors: {field: [...]}}`, problem details `{title, detail}`,
// plain text, or an HTML page from a proxy. Never answers "[object Object]".

export interface ErrorBodyText {
	message?: string;
	errorCode?: string | number;
}

const MAX_LENGTH = 500;

function clip(text: string): string | undefined {
	const clean = text.replace(/\s+/g, ' ').trim();
	return clean ? clean.slice(0, MAX_LENGTH) : undefined;
}

/** Text of an HTML page: its title, else its visible text. */
function htmlText(html: string): string | undefined {
	const title = /<title[^>]*>([^<]*)<\/title>/i.exec(html)?.[1];
	if (title?.trim()) return clip(title);
	return clip(html.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]+>/g, ' '));
}

/** A list of messages (strings, or objects with a message) or a field map `{field: [messages]}`. */
function listText(value: unknown): string | undefined {
	if (typeof value === 'string') return clip(value);
	if (Array.isArray(value)) {
		const parts = value.map((v) => (typeof v === 'string' ? v : textOf(v))).filter(Boolean);
		return parts.length ? clip(parts.join('; ')) : undefined;
	}
	if (value && typeof value === 'object') {
		const parts = Object.entries(value as Record<string, unknown>).map(([field, v]) => `${field}: ${listText(v) ?? ''}`);
		return parts.length ? clip(parts.join('; ')) : undefined;
	}
	return undefined;
}

/** The message an object carries under the names APIs use for it. */
function textOf(value: unknown): string | undefined {
	if (!value || typeof value !== 'object') return typeof value === 'string' ? clip(value) : undefined;
	const o = value as Record<string, unknown>;
	if (o.error && typeof o.error === 'object') {
		const inner = o.error as Record<string, unknown>;
		const main = textOf(inner);
		const details = typeof inner.details === 'string' && inner.details !== main ? inner.details : undefined;
		if (main) return clip(details ? `${main} ${details}` : main);
	}
	for (const key of ['message', 'error_description', 'detail', 'title', 'error', 'Message']) {
		if (typeof o[key] === 'string' && o[key]) return clip(o[key] as string);
	}
	return listText(o.errors) ?? listText(o.validationErrors);
}

function codeOf(body: Record<string, unknown>): string | number | undefined {
	const inner = body.error && typeof body.error === 'object' ? (body.error as Record<string, unknown>) : undefined;
	const code = body.errorCode ?? inner?.errorCode ?? inner?.code;
	return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

/** The message and error code of an error answer, or nothing when it carries none. */
export function readErrorBody(body: unknown): ErrorBodyText {
	if (typeof body === 'string') {
		const text = body.trim();
		if (/^[[{]/.test(text)) {
			try {
				return readErrorBody(JSON.parse(text) as unknown);
			} catch {
				return { message: clip(text) };
			}
		}
		return { message: /^</.test(text) ? htmlText(text) : clip(text) };
	}
	if (Buffer.isBuffer(body)) return readErrorBody(body.toString('utf8'));
	if (!body || typeof body !== 'object') return {};
	return { message: textOf(body), errorCode: codeOf(body as Record<string, unknown>) };
}

/** Joins sentences, so a message that already ends with a full stop does not get a second one. */
export function sentences(...parts: Array<string | undefined>): string {
	return parts
		.filter((p): p is string => !!p && !!p.trim())
		.map((p) => p.trim().replace(/[.\s]+$/, ''))
		.join('. ')
		.concat('.');
}

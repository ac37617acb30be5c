// Pacing to a per-minute quota that several n8n processes may share (queue mode: main and N workers).
//
// What every process already shares is only the server's answers and the credential's settings: the pacer lives in
// each process's memory, and nodes may not reach Redis or the database (n8n Cloud's verification forbids it). So
// each process keeps itself to its own share, learnt two ways:
// - the credential may say how many processes share the quota (its "Workers Sharing This Quota"): the process paces
//   at quota / N from the start;
// - adaptive, as TCP does with a congested link (AIMD): a 429 halves this process's rate for that quota, and each
//   accepted request raises it a little, back up to its share. N processes that each do this converge to about a
//   share each without knowing of each other. Only a process that used at least half its rate slows down: one that
//   others crowded out keeps its rate, or it would starve.
// A 429 that names no Retry-After means "wait for the window" (see windowDelay in http.ts).
import { sleepUnlessAborted } from './abort';

const MINUTE_MS = 60_000;
/**
 * A request is counted here when it leaves and by the server when it arrives: it ages out of this window a moment
 * later than sending would say, so the request that follows a full minute does not meet the 429 at its edge.
 */
const EDGE_MARGIN_MS = 1_000;
/** the 429s of one crowded moment are one signal: the rate halves at most once in this time */
const DECREASE_GAP_MS = 2_000;
/** each accepted request raises the rate by this (one more a minute per four accepted) */
const INCREASE_PER_ACCEPTED = 0.25;

/**
 * Keeps the requests made with one key under a per-minute quota, counted as the services count them: over a
 * sliding minute. Lives for the n8n process, so pacing spans items, executions and the triggers' polls.
 */
export class RequestPacer {
	private readonly sent: number[] = [];

	/** what this process allows itself now: its share, lowered by 429s and raised again by accepted requests */
	rate: number;

	private lastDecrease = -Infinity;

	/** when the server last took a request under this quota from this process: the window is not stuck */
	lastAcceptedAt = -Infinity;

	/** `limitPerMinute`: this process's share of the quota, the most it ever allows itself */
	constructor(public limitPerMinute: number) {
		checkLimit(limitPerMinute);
		this.rate = limitPerMinute;
	}

	/** Takes a new share (the credential was edited); the current rate stays below it. */
	setLimit(limitPerMinute: number) {
		checkLimit(limitPerMinute);
		if (limitPerMinute === this.limitPerMinute) return;
		this.limitPerMinute = limitPerMinute;
		this.rate = Math.min(this.rate, limitPerMinute);
	}

	/** How long the next request would wait for a place in the last minute at the current rate (0: none). */
	holdMs(t = Date.now()): number {
		while (this.sent.length && t - this.sent[0] >= MINUTE_MS + EDGE_MARGIN_MS) this.sent.shift();
		const allowed = Math.max(1, Math.floor(this.rate));
		// The oldest request that keeps the count at `allowed` must age out first.
		return this.sent.length < allowed ? 0 : this.sent[this.sent.length - allowed] + MINUTE_MS + EDGE_MARGIN_MS - t;
	}

	/** Waits until one more request fits in the last minute at the current rate, then counts it. */
	async acquire(now: () => number = Date.now, signal?: AbortSignal): Promise<number> {
		let waited = 0;
		for (;;) {
			const t = now();
			const wait = this.holdMs(t);
			if (wait <= 0) {
				this.sent.push(t);
				return waited;
			}
			// NaN would be a pause of nothing, again and again: refused (the limits are checked, so this cannot be).
			if (!Number.isFinite(wait)) throw new RangeError(`The pacer computed a hold of ${wait} ms`);
			waited += wait;
			await sleepUnlessAborted(wait, signal);
		}
	}

	/**
	 * The server answered 429 to a request sent at `sentAt`: other processes (or clients) use the quota too, so this
	 * one takes less. A request sent before the last decrease tells of the old rate, not the new one: it is ignored.
	 */
	throttled(sentAt = Date.now(), now = Date.now()) {
		if (sentAt < this.lastDecrease || now - this.lastDecrease < DECREASE_GAP_MS) return;
		// A process that had used little of its rate was crowded out by others: its rate is not what filled the window.
		const used = this.sent.filter((t) => t <= sentAt && sentAt - t < MINUTE_MS + EDGE_MARGIN_MS).length;
		if (used < this.rate / 2) return;
		this.lastDecrease = now;
		this.rate = Math.max(1, this.rate / 2);
	}

	/** The server took a request: creep back up towards the share. */
	accepted(now = Date.now()) {
		this.lastAcceptedAt = now;
		this.rate = Math.min(this.limitPerMinute, this.rate + INCREASE_PER_ACCEPTED);
	}
}

/**
 * A limit the pacer can keep: a number a minute, at least one. The credential readers check the user's numbers
 * (numbers.ts); this is the second line of defence, as NaN here would make every hold NaN, a wait that spins.
 */
function checkLimit(limitPerMinute: number) {
	if (!(limitPerMinute >= 1)) throw new RangeError(`A pacer needs a limit of 1 or more a minute, not ${limitPerMinute}`);
}

const pacers = new Map<string, RequestPacer>();

/**
 * The process's pacer for one quota (`key`: what the server counts per, e.g. a tenant or an organisation), at
 * `limitPerMinute` divided among `sharedBy` processes (at least one a minute).
 */
export function pacerFor(key: string, limitPerMinute: number, sharedBy = 1): RequestPacer {
	const share = Math.max(1, Math.floor(limitPerMinute / Math.max(1, Math.floor(sharedBy) || 1)));
	let pacer = pacers.get(key);
	if (!pacer) {
		pacer = new RequestPacer(share);
		pacers.set(key, pacer);
	}
	pacer.setLimit(share);
	return pacer;
}

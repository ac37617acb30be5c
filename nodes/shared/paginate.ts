// One paginator for every list: Limit / Return All, offset or page-number paging, and keyset-ready (a page may hand
// over the token of the next). Nothing here knows either service; each API layer says how to read one page.

/** Where the page to read starts. */
export interface PageRequest {
	/** items read so far: the offset of this page ($skip) */
	offset: number;
	/** 1 for the first page */
	page: number;
	/** how many to ask for */
	size: number;
	/** what the last page said comes next (keyset paging) */
	token?: string;
}

export interface Page<T> {
	items: T[];
	/** how many the whole list holds, when the API says */
	total?: number;
	/** the next page's token, for keyset paging; with `keyset`, no token means the end */
	next?: string;
	/** how many the page held before duplicates were dropped (a short page ends the list; a de-duplicated one not) */
	read?: number;
}

export interface PaginateOptions<T> {
	/** how many to return at most (Infinity for Return All) */
	limit: number;
	/** the most the endpoint gives per page */
	maxPageSize: number;
	/**
	 * Ask the last page for only what is still needed ($top). Off for page-number APIs: one size for every page, so
	 * the pages line up.
	 */
	shrinkLastPage?: boolean;
	/** the API pages by token: stop when a page gives none */
	keyset?: boolean;
	/** stop after a page for which this is true (a search that has found, or passed, what it looks for) */
	stopAfter?: (page: T[]) => boolean;
}

/** Reads page after page until `limit` items, a short page, the total, or `stopAfter` says so. */
export async function paginate<T>(readPage: (request: PageRequest) => Promise<Page<T>>, options: PaginateOptions<T>): Promise<T[]> {
	const size = Math.min(options.maxPageSize, options.limit);
	const items: T[] = [];
	let total: number | undefined;
	let token: string | undefined;
	for (let page = 1; items.length < options.limit; page++) {
		const want = options.shrinkLastPage ? Math.min(size, options.limit - items.length) : size;
		const answer = await readPage({ offset: items.length, page, size: want, token });
		items.push(...answer.items);
		total = answer.total ?? total;
		token = answer.next;
		const atEnd = (answer.read ?? answer.items.length) < want || (total !== undefined && items.length >= total) || (options.keyset && !token);
		if (atEnd || options.stopAfter?.(answer.items)) break;
	}
	return items.slice(0, options.limit);
}

/** One page for n8n's list-search pickers, whose pagination token is the next offset. */
export async function pickerPage<T>(
	readPage: (request: PageRequest) => Promise<Page<T>>,
	token: string | undefined,
	size: number,
): Promise<{ items: T[]; paginationToken?: string }> {
	const offset = Number(token ?? 0);
	const { items } = await readPage({ offset, page: Math.floor(offset / size) + 1, size });
	return { items, paginationToken: items.length === size ? String(offset + size) : undefined };
}

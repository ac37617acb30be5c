// The OData query options of the UiPath simulator, without HTTP: every operator, literal and rejection.
import { compileFilter, compileOrderBy, parseCollectionQuery, applyCollectionQuery, ODataError } from './uipath/odata';
import { parseIso, toTime, formatTime } from './uipath/time';
const { schemas } = require('./uipath/schemas.json');

const job = (over: Record<string, unknown>) => ({
	Id: 1,
	Key: '0b889a3c-5418-4693-a12d-4a93354f0ea5',
	State: 'Successful',
	ReleaseName: "O'Brien_Invoices",
	Reference: null,
	EndTime: '2026-01-01T00:00:00.5Z',
	CreationTime: '2025-12-31T23:59:00Z',
	HasMediaRecorded: false,
	Release: { Id: 7, Name: 'Invoices', ProcessKey: 'Invoices' },
	Robot: null,
	...over,
});
const rows = [
	job({ Id: 1, State: 'Successful', EndTime: '2026-01-01T00:00:00.5Z' }),
	job({ Id: 2, State: 'Faulted', EndTime: '2026-01-01T00:00:01Z', Reference: 'r-2', Key: 'aaaaaaaa-5418-4693-a12d-4a93354f0ea5' }),
	job({ Id: 3, State: 'Running', EndTime: null, ReleaseName: 'Other', Release: { Id: 8, Name: 'Other', ProcessKey: 'Other' } }),
	job({ Id: 4, State: 'Stopped', EndTime: '2026-01-01T00:00:00.5000001Z' }),
];
const ids = (filter: string) => rows.filter(compileFilter(filter, 'JobDto', schemas)).map((r) => r.Id);
const rejects = (filter: string, pattern: RegExp) => {
	expect(() => compileFilter(filter, 'JobDto', schemas)).toThrow(ODataError);
	expect(() => compileFilter(filter, 'JobDto', schemas)).toThrow(pattern);
};

describe('time', () => {
	test('normalizes to seven fractional digits, converting offsets to UTC, and formats like .NET', () => {
		expect(parseIso('2026-01-01T02:00:00.123+02:00')).toBe('2026-01-01T00:00:00.1230000Z');
		expect(parseIso('2026-01-01T00:00:00.9692211Z')).toBe('2026-01-01T00:00:00.9692211Z');
		expect(parseIso('2026-02-30T00:00:00Z')).toBeUndefined();
		expect(parseIso('2026-01-01T00:00:00')).toBeUndefined();
		expect(formatTime('2026-01-01T00:00:00.5000000Z')).toBe('2026-01-01T00:00:00.5Z');
		expect(formatTime('2026-01-01T00:00:00.0000000Z')).toBe('2026-01-01T00:00:00Z');
		expect(toTime(Date.UTC(2026, 0, 1), 42)).toBe('2026-01-01T00:00:00.0000042Z');
	});
});

describe('$filter', () => {
	test('comparison operators on enums, dates (with fractions and sub-millisecond digits) and numbers', () => {
		expect(ids("State eq 'Faulted'")).toEqual([2]);
		expect(ids("State ne 'Faulted'")).toEqual([1, 3, 4]);
		expect(ids('EndTime gt 2026-01-01T00:00:00.5Z')).toEqual([2, 4]);
		expect(ids('EndTime ge 2026-01-01T00:00:00.5Z')).toEqual([1, 2, 4]);
		expect(ids('EndTime lt 2026-01-01T00:00:00.5000001Z')).toEqual([1]);
		expect(ids('EndTime le 2026-01-01T00:00:00.5000001Z')).toEqual([1, 4]);
		expect(ids('EndTime gt 2026-01-01T01:00:00.5+01:00')).toEqual([2, 4]);
		expect(ids('Id gt 2')).toEqual([3, 4]);
		expect(ids('Id le 2L')).toEqual([1, 2]);
	});
	test('and, or, not, parentheses and in', () => {
		expect(ids("State eq 'Successful' or State eq 'Stopped' and Id gt 3")).toEqual([1, 4]);
		expect(ids("(State eq 'Successful' or State eq 'Stopped') and Id lt 4")).toEqual([1]);
		expect(ids("not (State eq 'Running')")).toEqual([1, 2, 4]);
		expect(ids("State in ('Faulted','Stopped')")).toEqual([2, 4]);
		expect(ids('Id in (1, 3)')).toEqual([1, 3]);
	});
	test('null, booleans, escaped quotes, GUIDs, navigation paths and string functions', () => {
		expect(ids('EndTime eq null')).toEqual([3]);
		expect(ids('EndTime ne null')).toEqual([1, 2, 4]);
		expect(ids("Reference ne 'r-2'")).toEqual([1, 3, 4]);
		expect(ids('HasMediaRecorded eq false')).toEqual([1, 2, 3, 4]);
		expect(ids("ReleaseName eq 'O''Brien_Invoices'")).toEqual([1, 2, 4]);
		expect(ids('Key eq AAAAAAAA-5418-4693-a12d-4a93354f0ea5')).toEqual([2]);
		expect(ids('Release/Id eq 8')).toEqual([3]);
		expect(ids("Release/ProcessKey eq 'Other'")).toEqual([3]);
		expect(ids("contains(ReleaseName,'Brien') and startswith(tolower(ReleaseName),'o''b')")).toEqual([1, 2, 4]);
		expect(ids('Robot/Id eq 5')).toEqual([]);
		expect(ids("State eq '1'")).toEqual([3]); // an enum member by its underlying value, as ASP.NET OData allows
	});
	test('rejects unknown properties, including ProcessKey, which a job does not have', () => {
		rejects("Foo eq 'x'", /Could not find a property named 'Foo'/);
		rejects("ProcessKey eq 'Invoices'", /Could not find a property named 'ProcessKey'/);
		rejects("Release/Foo eq 'x'", /Could not find a property named 'Foo'/);
	});
	test('rejects literals of the wrong type', () => {
		rejects("EndTime gt '2026-01-01T00:00:00Z'", /incompatible types.*Edm.DateTimeOffset.*Edm.String/);
		rejects("Id eq '5'", /incompatible types/);
		rejects("Key eq '0b889a3c-5418-4693-a12d-4a93354f0ea5'", /incompatible types.*Edm.Guid/);
		rejects("State eq 'Done'", /not a valid enumeration type constant/);
		rejects("State eq 'successful'", /not a valid enumeration type constant/);
		rejects('EndTime gt 2026-01-01T00:00:00', /DateTimeOffset text/);
		rejects('EndTime gt 2026-02-30T00:00:00Z', /DateTimeOffset text/);
		rejects('HasMediaRecorded eq 1', /incompatible types/);
	});
	test('rejects malformed expressions', () => {
		rejects("State EQ 'Faulted'", /lower case/);
		rejects("State eq 'Faulted' AND Id gt 1", /Syntax error/);
		rejects("State eq 'Faulted", /unterminated string/);
		rejects('(Id eq 1', /Syntax error/);
		rejects('Id eq', /Syntax error/);
		rejects('Id', /single boolean value/);
		rejects("substringof('a',ReleaseName)", /unknown function/);
		rejects('EndTime gt 2026-01-01T00:00:00 02:00', /DateTimeOffset text/); // an unencoded '+' arrives as a space
		rejects('EndTime gt 2026-01-01', /Edm.Date literal/);
		rejects('Release eq null', /not a single primitive value/);
		rejects(Array.from({ length: 40 }, (_, i) => `Id eq ${i}`).join(' or '), /node count limit of '100'/);
	});
});

describe('$orderby, $top, $skip, $count', () => {
	const tieBreak = (a: any, b: any) => a.Id - b.Id;
	test('orders by several keys, nulls first ascending, and rejects more than five clauses or unknown fields', () => {
		const order = compileOrderBy('EndTime desc, Id asc', 'JobDto', schemas, tieBreak);
		expect(rows.slice().sort(order).map((r) => r.Id)).toEqual([2, 4, 1, 3]);
		const asc = compileOrderBy('EndTime', 'JobDto', schemas, tieBreak);
		expect(rows.slice().sort(asc).map((r) => r.Id)).toEqual([3, 1, 4, 2]);
		const byEnum = compileOrderBy('State asc', 'JobDto', schemas, tieBreak);
		expect(rows.slice().sort(byEnum).map((r) => r.State)).toEqual(['Running', 'Faulted', 'Successful', 'Stopped']);
		expect(() => compileOrderBy('Id,Id,Id,Id,Id,Id', 'JobDto', schemas, tieBreak)).toThrow(/maximum number of \$orderby clauses allowed is 5/);
		expect(() => compileOrderBy('Nope desc', 'JobDto', schemas, tieBreak)).toThrow(/Nope/);
		expect(() => compileOrderBy('Id sideways', 'JobDto', schemas, tieBreak)).toThrow(/Syntax error/);
	});
	test('pages with $top/$skip, counts all matches, and gives the next page when $top is absent', () => {
		const opts = { typeName: 'JobDto', schemas, maxTop: 3 };
		const q = parseCollectionQuery({ $filter: 'EndTime ne null', $orderby: 'Id desc', $top: '2', $skip: '1', $count: 'true' }, opts);
		const out = applyCollectionQuery(rows, q, 3);
		expect(out.page.map((r: any) => r.Id)).toEqual([2, 1]);
		expect(out.count).toBe(3);
		expect(out.nextSkip).toBeUndefined();
		const all = applyCollectionQuery(rows, parseCollectionQuery({}, opts), 3);
		expect(all.page.map((r: any) => r.Id)).toEqual([1, 2, 3]);
		expect(all.nextSkip).toBe(3);
	});
	test('rejects $top above the maximum, negative or non-numeric values, bad $count and unknown $options', () => {
		const opts = { typeName: 'JobDto', schemas, maxTop: 1000 };
		expect(() => parseCollectionQuery({ $top: '1001' }, opts)).toThrow("The limit of '1000' for Top query has been exceeded. The value from the incoming request is '1001'.");
		expect(() => parseCollectionQuery({ $top: '-1' }, opts)).toThrow(/non-negative integer/);
		expect(() => parseCollectionQuery({ $skip: 'x' }, opts)).toThrow(/non-negative integer/);
		expect(() => parseCollectionQuery({ $count: 'yes' }, opts)).toThrow(/count option/);
		expect(() => parseCollectionQuery({ $search: 'x' }, opts)).toThrow(/not supported/);
		expect(() => parseCollectionQuery({ $select: 'Id,Nope' }, opts)).toThrow(/Nope/);
		expect(() => parseCollectionQuery({ $expand: 'Robot' }, opts)).toThrow(/Only navigation properties can be expanded/);
		expect(parseCollectionQuery({ $top: '1000' }, opts).top).toBe(1000);
	});
});

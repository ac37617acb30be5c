// The input arguments a process declares, as the fields of Job → Start's resource mapper ("Using Fields Below").
import type { FieldType, ILoadOptionsFunctions, ResourceMapperField, ResourceMapperFields } from 'n8n-workflow';

import { parseJsonField } from '../api/odata';
import { findReleaseArguments } from '../api/releases';
import { folderRefFrom } from '../transport';

/** One declared argument, as Orchestrator describes it in a release's `Arguments.Input`. */
export interface DeclaredArgument {
	name: string;
	type?: string;
	required?: boolean;
	hasDefault?: boolean;
}

const NUMBER = /^System\.(U?Int(16|32|64)|S?Byte|Double|Single|Decimal)$/;

/**
 * The n8n field type of a .NET type name such as `System.Int32, System.Private.CoreLib, Version=…`; undefined for
 * a type n8n has no field for (the value is then sent as given).
 */
export function fieldTypeOf(dotNetType: string | undefined): FieldType | undefined {
	// The name ends at the first comma outside generic brackets: `List`1[[System.String, …]]` stays whole.
	const name = String(dotNetType ?? 'System.String').split(/,(?![^[]*\])/)[0].trim();
	if (name.endsWith('[]') || /^System\.Collections\.Generic\.(List|IList|IEnumerable|ICollection)`1/.test(name)) return 'array';
	if (name === 'System.Data.DataTable') return 'array';
	if (NUMBER.test(name)) return 'number';
	if (name === 'System.Boolean') return 'boolean';
	if (name === 'System.DateTime' || name === 'System.DateTimeOffset') return 'dateTime';
	if (name === 'System.String' || name === 'System.Char' || name === 'System.Guid' || name === 'System.TimeSpan') return 'string';
	if (name === 'System.Object' || /Dictionary`2|^Newtonsoft\.Json\.Linq\.JObject$/.test(name)) return 'object';
	return undefined;
}

/** The short type a field shows beside its name: `Int32`, `String[]`. */
function shortType(dotNetType: string | undefined): string {
	const name = String(dotNetType ?? 'System.String').split(/,(?![^[]*\])/)[0].trim();
	return name.replace(/^System\.(Collections\.Generic\.)?/, '').replace(/`\d+\[\[.*$/, '');
}

export function mapperFieldOf(argument: DeclaredArgument): ResourceMapperField {
	return {
		id: argument.name,
		displayName: `${argument.name} (${shortType(argument.type)})`,
		type: fieldTypeOf(argument.type),
		required: argument.required === true,
		defaultMatch: false,
		canBeUsedToMatch: false,
		display: true,
		// An argument with a default in the process need not be sent: hidden until added, so the default applies.
		removed: argument.hasDefault === true && argument.required !== true,
	};
}

export async function getMappingColumns(this: ILoadOptionsFunctions): Promise<ResourceMapperFields> {
	const folder = folderRefFrom(this.getCurrentNodeParameter('folder') as { mode?: string; value?: string } | undefined);
	const process = this.getCurrentNodeParameter('process') as { mode?: string; value?: string } | undefined;
	const value = String(process?.value ?? '').trim();
	if (!folder || !value) return { fields: [], emptyFieldsNotice: 'Pick the folder and the process first' };
	// The editor hands expressions over unresolved: there is no one process to read the arguments of.
	if (value.startsWith('=') || String(folder.value).startsWith('=')) {
		return { fields: [], emptyFieldsNotice: 'The folder or process is an expression: pick them from the list (or give a name) to load the arguments, or use Define Arguments: Using JSON' };
	}
	const release = await findReleaseArguments(this, { mode: String(process?.mode ?? 'list'), value }, folder);
	if (!release) return { fields: [], emptyFieldsNotice: `There is no process "${value}" in this folder` };
	const declared = parseJsonField(release.Input);
	const args = Array.isArray(declared) ? (declared as DeclaredArgument[]).filter((a) => a && typeof a.name === 'string') : [];
	if (!args.length) return { fields: [], emptyFieldsNotice: 'This process declares no input arguments' };
	return { fields: args.map(mapperFieldOf) };
}

// The few Go types Hanko's import structs are made of, described as data so that one decoder can
// follow `encoding/json`'s rules for each (json-decode.ts). Decoded values are plain JavaScript:
// string, boolean, number or bigint (int), GoTime (*time.Time), a canonical UUID string, null for a
// nil pointer or slice, arrays, and objects keyed by the JSON names of the struct's fields.

export type GoType =
	| {readonly kind: 'string'}
	| {readonly kind: 'bool'}
	| {readonly kind: 'int'}
	/** `time.Time`, decoded by its `UnmarshalJSON` from the raw bytes. Only used behind a pointer. */
	| {readonly kind: 'time'}
	/** gofrs `uuid.UUID`: a 16-byte array with `UnmarshalText`. */
	| {readonly kind: 'uuid'}
	| {readonly kind: 'pointer'; readonly elem: GoType}
	| {readonly kind: 'slice'; readonly elem: GoType}
	/** `trackGiven`: mark which fields were given (see json-decode.ts `wasGiven`); it costs a little, so only where asked. */
	| {readonly kind: 'struct'; readonly name: string; readonly fields: readonly StructField[]; readonly trackGiven?: boolean};

export type StructField = {
	/** The name in the `json` tag, which is also the property name of the decoded object. */
	readonly json: string;
	readonly type: GoType;
};

export const goString: GoType = {kind: 'string'};
export const goBool: GoType = {kind: 'bool'};
export const goInt: GoType = {kind: 'int'};
export const goUuid: GoType = {kind: 'uuid'};
export const goTimePointer: GoType = {kind: 'pointer', elem: {kind: 'time'}};

export function pointerTo(elem: GoType): GoType {
	return {kind: 'pointer', elem};
}

export function sliceOf(elem: GoType): GoType {
	return {kind: 'slice', elem};
}

const templates = new WeakMap<GoType, Record<string, unknown>>();

/** A type's decoded zero value, as `var x T` gives (structs with every field at its zero value). */
export function zeroValue(type: GoType): unknown {
	if (type.kind === 'struct') {
		let template = templates.get(type);
		if (!template) {
			template = {};
			for (const field of type.fields) template[field.json] = zeroValue(field.type);
			templates.set(type, template);
		}

		// Every field of the structs here is a primitive or nil: a shallow copy is a fresh zero value
		return {...template};
	}

	switch (type.kind) {
		case 'string': {
			return '';
		}

		case 'bool': {
			return false;
		}

		case 'int': {
			return 0;
		}

		case 'uuid': {
			return '00000000-0000-0000-0000-000000000000';
		}

		default: {
			return null; // Pointers and slices are nil; a bare time.Time never occurs here
		}
	}
}

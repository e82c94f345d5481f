import type {DecodeFault, JsonKind} from '../go/json-decode.js';
import type {GoType} from '../go/go-types.js';
import type {Findings} from './record-check.js';

// Layer 1: what Go's JSON decoder did with the record (json-decode.ts), in the words of the rules.

function article(kind: JsonKind): string {
	switch (kind) {
		case 'object':
		case 'array': {
			return `an ${kind}`;
		}

		case 'null': {
			return 'null';
		}

		default: {
			return `a ${kind}`;
		}
	}
}

function expected(type: GoType): string {
	switch (type.kind) {
		case 'string': {
			return 'a string';
		}

		case 'bool': {
			return 'a boolean (true or false)';
		}

		case 'int': {
			return 'an integer';
		}

		case 'uuid': {
			return 'a UUID string';
		}

		case 'time': {
			return 'an RFC 3339 timestamp string';
		}

		case 'slice': {
			return 'an array';
		}

		case 'struct': {
			return 'an object';
		}

		case 'pointer': {
			return expected(type.elem);
		}
	}
}

/** The field's name as people read it in a message: `is_primary`, `emails/0`. */
function nameOf(pointer: string): string {
	const parts = pointer.split('/');
	const last = parts.at(-1)!;
	return /^\d+$/.test(last) ? `${parts.at(-2)}/${last}` : last;
}

export function addDecodeProblems(faults: readonly DecodeFault[], findings: Findings): void {
	for (const fault of faults) {
		switch (fault.kind) {
			case 'type': {
				findings.markMistyped(fault.pointer);
				const {type, found, pointer} = fault;
				if (pointer === '') {
					findings.add(
						'',
						'record.not-object',
						found === 'null'
							? 'record is null: Hanko reads it as an empty user, which it refuses; remove it'
							: `record is ${article(found)}, not a user object: remove it or wrap it in one`,
					);
				} else if (type.kind === 'uuid' && found === 'array') {
					findings.add(
						pointer,
						'webauthn.aaguid-array',
						'aaguid is an array of integers; Hanko needs a UUID string: write it as one or remove it',
					);
				} else if (type.kind === 'time') {
					findings.add(
						pointer,
						'timestamp.format',
						`${nameOf(pointer)} must be an RFC 3339 timestamp string, not ${article(found)}`,
					);
				} else {
					findings.add(pointer, 'field.type', `${nameOf(pointer)} must be ${expected(type)}, not ${article(found)}`);
				}

				break;
			}

			case 'time': {
				findings.markMistyped(fault.pointer);
				findings.add(
					fault.pointer,
					'timestamp.format',
					fault.raw.includes('\\')
						? `${nameOf(fault.pointer)} has an escape (\\…): Go parses the raw text of a timestamp, so write the characters themselves`
						: `${nameOf(fault.pointer)} is not an RFC 3339 timestamp with a time zone (like 2023-07-11T13:41:50Z)`,
				);
				break;
			}

			case 'uuid': {
				findings.markMistyped(fault.pointer);
				findings.add(
					fault.pointer,
					'webauthn.aaguid-invalid',
					'aaguid is not a UUID gofrs can read: write it as a UUID or remove it',
				);
				break;
			}

			case 'int': {
				findings.markMistyped(fault.pointer);
				findings.add(
					fault.pointer,
					'webauthn.sign-count-literal',
					`sign_count ${fault.literal.length > 24 ? `${fault.literal.slice(0, 24)}…` : fault.literal} is not an integer Go's int can hold: write it as a plain integer`,
				);
				break;
			}

			case 'unknown-key': {
				findings.add(
					fault.pointer,
					'field.unknown',
					`unknown field "${fault.key}": Hanko ignores it; remove it or map it to a known field`,
				);
				break;
			}

			case 'folded-key': {
				findings.add(
					fault.pointer,
					'field.key-case',
					`key "${fault.key}" is read as "${fault.field}"; write it as "${fault.field}"`,
				);
				break;
			}

			case 'duplicate-key': {
				findings.add(
					fault.pointer,
					'field.duplicate-key',
					`"${fault.field}" is given more than once: Hanko decodes the later value over the earlier one`,
				);
				break;
			}
		}
	}
}

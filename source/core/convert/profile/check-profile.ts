import {isPlainObject} from '../../rules/json-values.js';
import type {ProfileSource} from '../converted-user.js';
import {goJsonLength} from './go-json-length.js';
import {hankoProfileLimits, metadataFields, nameFields, profileRefusal} from './hanko-profile-limits.js';

// A user's names, picture and metadata held to what Hanko's Admin API takes (hanko-profile-limits.ts):
// what passes goes to the profile file, what Hanko would refuse is counted as lost with its reason.

export type ProfileFields = Partial<Record<(typeof nameFields)[number] | 'picture', string>> &
	Partial<Record<(typeof metadataFields)[number], Record<string, unknown>>>;

/** The loss report's kinds a profile keeps (loss.names, loss.pictures, loss.metadata). */
export type ProfileKind = 'names' | 'pictures' | 'metadata';

export type CheckedProfile = {
	fields: ProfileFields;
	/** Kinds with at least one value kept. */
	kept: ProfileKind[];
	/** Values refused, by reason (a profileRefusal), each reason once. */
	refused: Array<{kind: ProfileKind; reason: string}>;
};

const controlCharacters = /[\u0000-\u001F\u007F]/;

/** Why Hanko would refuse this picture URL, or undefined (utils.ValidatePictureURL, approximated by the WHATWG parser). */
export function pictureRefusal(url: string): string | undefined {
	if (Buffer.byteLength(url) > hankoProfileLimits.pictureBytes) return profileRefusal.pictureTooLong;
	// ParseRequestURI needs the authority written out ("http:host" has no host) and refuses control bytes
	if (!/^https?:\/\//i.test(url) || controlCharacters.test(url)) return profileRefusal.pictureNotUrl;
	// Go's authority runs to the first '/' or '?'; any '@' in it is user info, even an empty one
	const authority = /^https?:\/\/([^/?]*)/i.exec(url)![1]!;
	if (authority.includes('@')) return profileRefusal.pictureNotUrl;
	try {
		if (new URL(url).hostname === '') return profileRefusal.pictureNotUrl;
	} catch {
		return profileRefusal.pictureNotUrl;
	}

	return undefined;
}

/** The value as Hanko's merge patch stores it: members whose value is null are dropped, in nested objects too (not in arrays). */
export function withoutNullMembers(value: unknown): unknown {
	if (Array.isArray(value)) return value.map(item => withoutNullMembers(item));
	if (!isPlainObject(value)) return value;
	const pruned: Record<string, unknown> = {};
	for (const [key, member] of Object.entries(value)) if (member !== null) pruned[key] = withoutNullMembers(member);
	return pruned;
}

export function checkProfile(source: ProfileSource): CheckedProfile {
	const checked: CheckedProfile = {fields: {}, kept: [], refused: []};
	const refuse = (kind: ProfileKind, reason: string) => {
		if (!checked.refused.some(refused => refused.reason === reason)) checked.refused.push({kind, reason});
	};

	const keep = (kind: ProfileKind) => {
		if (!checked.kept.includes(kind)) checked.kept.push(kind);
	};

	for (const field of nameFields) {
		const value = source[field];
		// Hanko trims, and refuses an empty name: an empty one is no name
		const name = typeof value === 'string' ? value.trim() : undefined;
		if (!name) continue;
		if (name.includes('\u0000')) refuse('names', profileRefusal.nameNul);
		else if ([...name].length > hankoProfileLimits.nameCharacters) refuse('names', profileRefusal.nameTooLong);
		else {
			checked.fields[field] = name;
			keep('names');
		}
	}

	const picture = typeof source.picture === 'string' ? source.picture.trim() : undefined;
	if (picture) {
		const refusal = pictureRefusal(picture);
		if (refusal) refuse('pictures', refusal);
		else {
			checked.fields.picture = picture;
			keep('pictures');
		}
	}

	for (const field of metadataFields) {
		const value = source[field];
		if (value === undefined || value === null || value === '') continue;
		if (!isPlainObject(value)) {
			refuse('metadata', profileRefusal.metadataNotObject);
			continue;
		}

		const stored = withoutNullMembers(value) as Record<string, unknown>;
		if (Object.keys(stored).length === 0) continue;
		if (goJsonLength(stored) > hankoProfileLimits.metadataCharacters) refuse('metadata', profileRefusal.metadataTooLarge);
		else {
			checked.fields[field] = stored;
			keep('metadata');
		}
	}

	return checked;
}

// The Hanko versions whose importer we model, and the rules that changed between them. Read from the
// tags of teamhanko/hanko (format.go's tags, validator's version in backend/go.mod).

/** What differs between the importers we model. */
export type HankoRules = {
	/** The version as the person named it (`3.0`, `2.1.0`, `main`), for reports and settings. */
	readonly label: string;
	/** `user_id` may use A–F (validator v10.30.3's `uuid` regex; Hanko 3.0.0). */
	readonly uuidAnyCase: boolean;
	/** The `email` tag also runs `net/mail.ParseAddress` (validator v10.26.0; Hanko 2.1.1). */
	readonly netMail: boolean;
	/** `$fbscrypt$` hashes are accepted beside `$2a$` (Hanko 2.7.0). */
	readonly fbscrypt: boolean;
};

/** The latest release: the default. */
export const defaultHankoVersion = '3.0';

/** Every minor release (backend/v* tags of teamhanko/hanko) with its newest patch, for a version named without one. */
const latestPatch: Record<string, number> = {
	'2.0': 0,
	'2.1': 2,
	'2.2': 1,
	'2.3': 0,
	'2.4': 2,
	'2.5': 0,
	'2.6': 0,
	'2.7': 0,
	'3.0': 4,
};

/** Versions the help and errors offer. */
export const namedVersions = ['2.1', '2.7', '3.0', 'main'] as const;

function atLeast(version: readonly number[], minimum: readonly number[]): boolean {
	for (let i = 0; i < minimum.length; i++) {
		if (version[i]! !== minimum[i]!) return version[i]! > minimum[i]!;
	}

	return true;
}

/**
 * The rules of a Hanko version: `main` (which imports exactly as 3.0.4 does: the commit read is in
 * the catalogue), `latest`, or a release: `3`, `2.7`, `2.1.1`, with or without `v`. Returns an error
 * message for anything else: a version that was never released, or one before 2.0.0, whose import
 * format we do not model.
 */
export function hankoRules(name: string = defaultHankoVersion): HankoRules | {error: string} {
	const trimmed = name
		.trim()
		.toLowerCase()
		.replace(/^(backend\/)?v/, '');
	if (trimmed === 'main' || trimmed === 'latest') {
		return {label: trimmed === 'latest' ? defaultHankoVersion : 'main', uuidAnyCase: true, netMail: true, fbscrypt: true};
	}

	const match = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(trimmed);
	if (!match) return {error: `unknown Hanko version "${name}": give one like ${namedVersions.join(', ')} or 2.1.1`};
	const major = Number(match[1]);
	// A major alone is its latest minor release
	const minor =
		match[2] === undefined
			? Math.max(
					-1,
					...Object.keys(latestPatch)
						.filter(key => key.startsWith(`${major}.`))
						.map(key => Number(key.split('.')[1])),
				)
			: Number(match[2]);
	if (!atLeast([major, minor, 0], [2, 0, 0]))
		return {error: `Hanko ${name} is older than 2.0.0, whose import rules hanko-tui does not model: use 2.0 or later`};
	const newest = latestPatch[`${major}.${minor}`];
	const patch = match[3] === undefined ? newest : Number(match[3]);
	if (newest === undefined || patch! > newest) {
		return {
			error: `Hanko ${name} is not a release hanko-tui knows (the releases are 2.0.0 to 2.7.0 and 3.0.0 to 3.0.4): give one of them, or main`,
		};
	}

	const version = [major, minor, patch!];
	return {
		label: match[3] === undefined ? `${major}.${minor}` : `${major}.${minor}.${patch}`,
		uuidAnyCase: atLeast(version, [3, 0, 0]),
		netMail: atLeast(version, [2, 1, 1]),
		fbscrypt: atLeast(version, [2, 7, 0]),
	};
}

export function isHankoRules(value: HankoRules | {error: string}): value is HankoRules {
	return !('error' in value);
}

/** The rules of the default version (always valid). */
export function defaultRules(): HankoRules {
	return hankoRules(defaultHankoVersion) as HankoRules;
}

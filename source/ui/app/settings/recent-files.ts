import Conf from 'conf';

// The files a person checked lately, newest first, kept between runs with conf (in the user's config
// folder, or HANKO_TUI_CONFIG_DIR). Only the screen keeps them: a script's headless run leaves no trace.

const keep = 10;

type Stored = {recent: string[]};

export class RecentFiles {
	readonly #conf: Conf<Stored> | undefined;
	#files: string[];

	constructor(configDir = process.env.HANKO_TUI_CONFIG_DIR) {
		try {
			this.#conf = new Conf<Stored>({
				projectName: 'hanko-tui',
				projectSuffix: '',
				cwd: configDir || undefined,
				configFileMode: 0o600,
				defaults: {recent: []},
			});
			const stored = this.#conf.get('recent');
			this.#files = Array.isArray(stored) ? stored.filter(file => typeof file === 'string').slice(0, keep) : [];
		} catch {
			// A damaged or unreadable settings file costs the list, never the session
			this.#conf = undefined;
			this.#files = [];
		}
	}

	list(): readonly string[] {
		return this.#files;
	}

	/** Puts `file` (an absolute path) first. */
	add(file: string): void {
		this.#save([file, ...this.#files.filter(other => other !== file)].slice(0, keep));
	}

	remove(file: string): void {
		this.#save(this.#files.filter(other => other !== file));
	}

	#save(files: string[]): void {
		this.#files = files;
		try {
			this.#conf?.set('recent', files);
		} catch {
			// Read-only home folder: the list lasts this session only
		}
	}
}

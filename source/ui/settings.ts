import Conf from 'conf';

// What the screens remember between runs, beside the recent files: the Admin API URL last used for an
// export (never the key) and the Hanko version files are checked against.

type Stored = {apiUrl: string; hankoVersion: string};

export class Settings {
	readonly #conf: Conf<Stored> | undefined;

	constructor(configDir = process.env.HANKO_TUI_CONFIG_DIR) {
		try {
			this.#conf = new Conf<Stored>({projectName: 'hanko-tui', projectSuffix: '', cwd: configDir || undefined, configFileMode: 0o600, defaults: {apiUrl: '', hankoVersion: ''}});
		} catch {
			this.#conf = undefined; // A damaged settings file: nothing remembered this time
		}
	}

	/** The stored value, or '' when there is none (or it cannot be read). */
	get(key: keyof Stored): string {
		try {
			const value = this.#conf?.get(key);
			return typeof value === 'string' ? value : '';
		} catch {
			return '';
		}
	}

	set(key: keyof Stored, value: string): void {
		try {
			this.#conf?.set(key, value);
		} catch {}
	}
}

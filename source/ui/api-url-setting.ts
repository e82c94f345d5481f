import Conf from 'conf';

// The Admin API URL last used for an export, kept between runs beside the recent files (never the key).

type Stored = {apiUrl: string};

export class ApiUrlSetting {
	readonly #conf: Conf<Stored> | undefined;

	constructor(configDir = process.env.HANKO_TUI_CONFIG_DIR) {
		try {
			this.#conf = new Conf<Stored>({projectName: 'hanko-tui', projectSuffix: '', cwd: configDir || undefined, configFileMode: 0o600, defaults: {apiUrl: ''}});
		} catch {
			this.#conf = undefined; // A damaged settings file: nothing remembered this time
		}
	}

	get(): string {
		try {
			const url = this.#conf?.get('apiUrl');
			return typeof url === 'string' ? url : '';
		} catch {
			return '';
		}
	}

	set(url: string): void {
		try {
			this.#conf?.set('apiUrl', url);
		} catch {}
	}
}

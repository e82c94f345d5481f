// Lint: correctness rules, plus a line-length limit that prettier cannot keep on its own (it
// never breaks comments or strings). Layout otherwise is prettier's (eslint-config-prettier turns
// the rules it owns off).
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ignores: ['dist/', 'node_modules/', '.bench-data/', 'coverage/']},
	{linterOptions: {reportUnusedDisableDirectives: 'error'}},
	js.configs.recommended,
	...tseslint.configs.recommended,
	prettier,
	{
		languageOptions: {globals: globals.node},
		plugins: {'@stylistic': stylistic},
		rules: {
			'@stylistic/max-len': [
				'error',
				{code: 140, tabWidth: 4, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true},
			],
			// Terminal safety is about control characters: the patterns that find them must name them
			'no-control-regex': 'off',
			'no-empty': ['error', {allowEmptyCatch: true}],
			'@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none'}],
		},
	},
	{
		// The React code: hooks are functions named use*, and only there (vitest helpers such as
		// useTempDir are not hooks)
		files: ['source/ui/**/*.{ts,tsx}', 'test/**/*.tsx'],
		plugins: {'react-hooks': reactHooks},
		rules: {
			'react-hooks/rules-of-hooks': 'error',
			'react-hooks/exhaustive-deps': 'error',
		},
	},
);

// The CLI's version, as `--version` prints it and SARIF reports name the tool (package.json's, which a test compares).
export const VERSION = '0.1.0';

/** The version the CLI reports (SARIF's tool version). */
export const CLI_VERSION = '0.1.0';

/**
 * Isomorphic types and logic of Image Health: the report model, the score,
 * the API's response types and the plugin's permissions.
 *
 * @packageDocumentation
 */
export * from './report';
export * from './score';
export * from './api';
export * from './scorecard';
export * from './permissions';
export * from './availability';
export * from './compare';

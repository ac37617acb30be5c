// @ts-check
'use strict';
// The modules of issue 11 ("UiPath breadth"), each registered by startUiPathSimulator with the same `core`:
// it adds routes to `core.routes` (with the OpenAPI spec key whose scopes apply) and seed helpers to `core.sim`.
module.exports = [
	require('./jobs'),
	require('./queueTransactions'),
	require('./assets'),
	require('./releases'),
	require('./machines'),
	require('./buckets'),
	require('./tasks'),
	require('./dataFabric'),
	require('./maestro'),
];

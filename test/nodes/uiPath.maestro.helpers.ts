// Shared by the Maestro engine tests: the seed helpers of the simulator's pims_ service and an application with PIMS.
import { APP, setUpWithScopes } from './uiPath.helpers';

type Row = Record<string, any>;
export type Maestro = {
	addProcess(o: Row): { processKey: string; packageId: string; folderKey: string };
	startInstance(o: Row): Row;
	setInstanceState(id: string, state: string, opts?: Row): Row;
	addIncident(id: string, o?: Row): Row;
	instance(id: string): Row | undefined;
	actions(id: string): Row[];
};
export const PIMS_APP = { clientId: 'pims-app', clientSecret: 'pims-secret-789', scopes: [...APP.scopes, 'PIMS'] };

/** setUp() with the PIMS application stored as the credential `pims`, and the simulator's Maestro seeds. */
export async function maestroSetUp(options: Record<string, unknown> = {}) {
	const world = await setUpWithScopes(['PIMS'], 'pims', options);
	return { ...world, maestro: (world.sim as unknown as { maestro: Maestro }).maestro };
}

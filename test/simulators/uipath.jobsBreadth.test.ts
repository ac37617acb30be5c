// Jobs, continued (issue 11): RestartJob, ResumeJob and RobotLogs over HTTP.
import { seeded, JOBS } from './uipathBreadth.helpers';

const START = `${JOBS}.StartJobs`;

describe('RestartJob', () => {
	test('a finished job starts again as a new job with the same process and arguments', async () => {
		const s = await seeded();
		try {
			const started = await s.api('POST', START, { body: { startInfo: { ReleaseKey: s.faulty.Key, Strategy: 'Specific', RobotIds: [s.bot1.Id], InputArguments: '{"n":1}' } } });
			const first = started.body.value[0];
			const early = await s.api('POST', `${JOBS}.RestartJob`, { body: { jobId: first.Id } });
			expect([early.status, early.body.errorCode]).toEqual([400, 1673]);
			expect(early.body.message).toMatch(/cannot be restarted: it is Pending/);
			s.sim.clock.advance(10_000);
			expect(s.sim.getJob(first.Id)?.State).toBe('Faulted');
			const again = await s.api('POST', `${JOBS}.RestartJob?$expand=Robot`, { body: { jobId: first.Id } });
			expect(again.status).toBe(200);
			expect(again.body['@odata.context']).toMatch(/\$metadata#Jobs\/\$entity$/);
			expect(again.body).toMatchObject({ State: 'Pending', ReleaseName: 'Broken_Prod', InputArguments: '{"n":1}', Robot: { Id: s.bot1.Id } });
			expect(again.body.Id).not.toBe(first.Id);
			expect(again.body.Key).not.toBe(first.Key);
			s.sim.clock.advance(10_000);
			expect(s.sim.getJob(again.body.Id)?.State).toBe('Faulted'); // the restarted job runs like any other
		} finally {
			await s.sim.close();
		}
	});
});

describe('ResumeJob', () => {
	test('a suspended job resumes, runs and finishes; others are refused with 1674', async () => {
		const s = await seeded();
		try {
			const started = await s.api('POST', START, { body: { startInfo: { ReleaseKey: s.release.Key, Strategy: 'JobsCount', JobsCount: 1 } } });
			const job = started.body.value[0];
			const notSuspended = await s.api('POST', `${JOBS}.ResumeJob`, { body: { jobKey: job.Key } });
			expect([notSuspended.status, notSuspended.body.errorCode]).toEqual([400, 1674]);
			s.sim.clock.advance(1500);
			s.sim.suspendJob(job.Id);
			expect((await s.api('GET', `/odata/Jobs(${job.Id})`)).body.State).toBe('Suspended');
			s.sim.clock.advance(60_000); // suspended jobs wait
			expect((await s.api('GET', `/odata/Jobs(${job.Id})`)).body.State).toBe('Suspended');
			const resumed = await s.api('POST', `${JOBS}.ResumeJob`, { body: { jobKey: job.Key.toUpperCase() } });
			expect(resumed.status).toBe(200);
			expect(resumed.body.State).toBe('Resumed');
			expect(resumed.body.ResumeTime).toMatch(/^2026-01-01T12:01:01\.5/);
			s.sim.clock.advance(1000);
			expect((await s.api('GET', `/odata/Jobs(${job.Id})`)).body.State).toBe('Running');
			s.sim.clock.advance(3000);
			const done = await s.api('GET', `/odata/Jobs(${job.Id})`);
			expect(done.body).toMatchObject({ State: 'Successful', OutputArguments: '{"total":3}' });
			const twice = await s.api('POST', `${JOBS}.ResumeJob`, { body: { jobKey: job.Key } });
			expect(twice.body.message).toMatch(/it is Successful, not Suspended/);
		} finally {
			await s.sim.close();
		}
	});
});

describe('RobotLogs', () => {
	test("a job's logs by JobKey, newest first, with a level filter and seeded rows", async () => {
		const s = await seeded();
		try {
			const ok = (await s.api('POST', START, { body: { startInfo: { ReleaseKey: s.release.Key, Strategy: 'Specific', RobotIds: [s.bot1.Id] } } })).body.value[0];
			const bad = (await s.api('POST', START, { body: { startInfo: { ReleaseKey: s.faulty.Key, Strategy: 'Specific', RobotIds: [s.bot2.Id] } } })).body.value[0];
			expect((await s.api('GET', `/odata/RobotLogs?$filter=JobKey eq ${bad.Key}`)).body.value).toEqual([]); // pending: nothing yet
			s.sim.clock.advance(2000);
			s.sim.addRobotLog({ jobId: bad.Id, level: 'Warn', message: 'Retrying the login screen' });
			s.sim.clock.advance(10_000);
			const logs = await s.api('GET', `/odata/RobotLogs?$filter=JobKey eq ${bad.Key}&$orderby=TimeStamp desc&$count=true`);
			expect(logs.status).toBe(200);
			expect(logs.body['@odata.count']).toBe(4);
			expect(logs.body.value.map((r: any) => [r.Level, r.Message])).toEqual([
				['Error', 'Broken_Prod execution ended in: Selector not found'],
				['Info', 'Broken_Prod execution ended'],
				['Warn', 'Retrying the login screen'],
				['Info', 'Broken_Prod execution started'],
			]);
			const row = logs.body.value[0];
			expect(row).toMatchObject({ JobKey: bad.Key, RobotName: 'bot2', ProcessName: 'Broken_Prod', WindowsIdentity: 'sim\\bot2' });
			expect(JSON.parse(row.RawMessage)).toMatchObject({ message: row.Message, level: 'Error', jobId: bad.Key });
			const errors = await s.api('GET', `/odata/RobotLogs?$filter=JobKey eq ${bad.Key} and (Level eq 'Error' or Level eq 'Fatal')`);
			expect(errors.body.value.map((r: any) => r.Level)).toEqual(['Error']);
			const atLeastWarn = await s.api('GET', `/odata/RobotLogs?$filter=Level ge 'Warn'&$select=Level,JobKey`);
			expect(atLeastWarn.body.value).toEqual(expect.arrayContaining([{ Level: 'Warn', JobKey: bad.Key }, { Level: 'Error', JobKey: bad.Key }]));
			expect(atLeastWarn.body.value).toHaveLength(2);
			const okLogs = await s.api('GET', `/odata/RobotLogs?$filter=JobKey eq ${ok.Key}`);
			expect(okLogs.body.value.map((r: any) => r.Level)).toEqual(['Info', 'Info']);
			const tooMany = await s.api('GET', '/odata/RobotLogs?$top=1001');
			expect([tooMany.status, tooMany.body.errorCode]).toEqual([400, 1000]);
			const badLevel = await s.api('GET', "/odata/RobotLogs?$filter=Level eq 'Warning'");
			expect([badLevel.status, badLevel.body.errorCode]).toEqual([400, 1000]);
		} finally {
			await s.sim.close();
		}
	});
});

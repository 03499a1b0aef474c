import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Task } from '@shared/contract';
import { composeScript } from '../../src/main/core/remote/compose-script';
import { createPullRequest } from '../support/fake-cli/github-fixture';
import { startRunFixture, type RunFixture } from '../support/run-fixture';
import { printTable, runCommand, timed, type Row } from './measure';

// The pull request automation (issue 11), next to the original tool's way: one OpenSSH client
// process and one `gh` per pull request.
let f: RunFixture;
const rows: Row[] = [];
const PULL_REQUESTS = 50;

beforeAll(async () => {
  f = await startRunFixture({ maxConcurrent: 8 });
});
afterAll(async () => {
  printTable(
    'Pull request automation (npm run bench): wall time, lower is better; ratio = OpenSSH / Sortie',
    rows,
  );
  await f.close();
});

it(`automation tick: ${PULL_REQUESTS} open pull requests on one runner`, async () => {
  const urls: string[] = [];
  const tasks: Task[] = [];
  for (let i = 0; i < PULL_REQUESTS; i++) {
    const pr = createPullRequest(f.sshd, { owner: 'acme', name: 'api' }, { title: `Bench ${i}` }, f.homes);
    const task = await f.newTask(`Bench ${i}`);
    const run = f.core.repos.dispatches.create({ taskId: task.id, runnerId: f.runner.id, agent: 'codex' });
    f.core.repos.dispatches.update(run.id, { status: 'preparing', startedAt: new Date().toISOString() });
    f.core.repos.dispatches.update(run.id, { status: 'succeeded', pullRequestUrl: pr.url });
    urls.push(pr.url);
    tasks.push(task);
  }
  const host = f.core.pool.host(f.core.repos.runners.get(f.runner.id)!);
  // Warm connection, as the timer finds it.
  await f.call('automation.log', {});
  await host.runOk({ name: 'warm', text: 'true' }, []);
  let calls = 0;
  const original = host.run.bind(host);
  host.run = (...args) => {
    calls++;
    return original(...args);
  };
  const tick = await timed(() => f.call('automation.run', {}));
  host.run = original;

  const perPullRequest = composeScript(
    f.runner.shellPrelude,
    // The same reads as read-pull-requests.sh, one PR per ssh.
    [
      'url=$1 number=${1##*/} repo=${1#https://github.com/}',
      'repo=${repo%/pull/*}',
      'gh pr view "$url" --json number,url,state,isDraft,headRefOid,headRefName,mergedAt,reviewDecision,statusCheckRollup >/dev/null',
      'gh api --paginate "repos/$repo/pulls/$number/reviews?per_page=100" >/dev/null',
      'gh api --paginate "repos/$repo/pulls/$number/comments?per_page=100" >/dev/null',
      'gh pr checks "$url" --required --json name,state,bucket,link,workflow,startedAt >/dev/null 2>&1 || true',
    ].join('\n'),
  );
  const baseline = await timed(async () => {
    for (const url of urls)
      await runCommand('ssh', [...f.sshd.opensshArgs(), 'bash', '-s', '--', url], perPullRequest);
  });
  rows.push({
    name: `automation tick, ${PULL_REQUESTS} open PRs, 1 runner`,
    sortieMs: tick,
    opensshMs: baseline,
    note: `${calls} remote call(s) (goal: 1 read per runner); OpenSSH: 1 ssh + 4 gh per PR`,
  });
  expect(calls).toBe(1);
});

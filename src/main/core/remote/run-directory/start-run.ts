import { LAUNCH_PHASES, type LaunchPhase } from '@shared/domain/dispatch';
import { AppError } from '../../errors';
import type { InlineScript, RemoteHost } from '../remote-host';
import { scriptText, type ScriptName } from '../scripts';
import { parseRegistry, serializeRegistry, type RemoteRegistry } from '../workspace/registry';
import type { ScriptResult } from '../shell-worker';
import { scriptFailure } from '../workspace/run-script';

/** A file a run needs before its launch: a plain name in the run directory, and its content. */
export interface RunDirFile {
  name: string;
  /** Readable by the runner's user alone; 0o700 for the launcher. */
  mode: 0o600 | 0o700;
  /** Travels as an argument: no NUL byte, which user text never holds (the contract refuses it). */
  content: string;
}

/** The bundled scripts a launch runs as its phases; start-run.sh calls each `sortie_step_<name>`. */
const STEPS: readonly ScriptName[] = [
  'github-login',
  'ensure-checkout',
  'write-file',
  'prepare-worktree',
  'restore-worktree',
  'prepare-review-worktree',
  'make-run-dir',
  'launch-run',
];

/** start-run.sh with its steps defined before it: one constant text, sent once per worker. */
const START_RUN: InlineScript = {
  name: 'start-run',
  text:
    STEPS.map((name) => `sortie_step_${name.replaceAll('-', '_')}() {\n${scriptText(name)}\n}\n`).join('') +
    scriptText('start-run'),
};

/** A clone, a fetch and a worktree of a big repository may each take long. */
const START_RUN_TIMEOUT_MS = 35 * 60_000;

/** start-run.sh's exit codes besides those of its steps. */
const NO_ANSWER_EXIT = 75;
const STOPPED_EXIT = 130;
/** launch-run.sh's exit code when the run had been launched already. */
const ALREADY_LAUNCHED_EXIT = 3;

export interface StartRunRequest {
  workspaceRoot: string;
  /** The project registry to record the checkout in, or null (a review's own workspace). */
  registryPath: string | null;
  /** ensure-checkout.sh's arguments but the GitHub login, which the launch finds first. */
  checkoutArgs: readonly string[];
  worktreeStep: {
    script: 'prepare-worktree' | 'restore-worktree' | 'prepare-review-worktree';
    args: readonly string[];
  };
  runDir: string;
  worktreePath: string;
  files: readonly RunDirFile[];
}

export interface StartRunHooks {
  /** A phase began on the runner; throwing here (a canceled run) stops the launch. */
  onPhase(phase: LaunchPhase): void;
  /** The registry to write, given the one on the runner and the fork the checkout uses. */
  registry(current: RemoteRegistry, forkGitUrl: string): RemoteRegistry;
  /** Asked right before the agent starts; throwing (a canceled run) stops the launch. */
  confirmLaunch(): void;
}

export type StartRunOutcome =
  | { started: true; login: string; forkGitUrl: string }
  /** Stopped on the caller's word (onPhase or confirmLaunch threw): nothing more was started. */
  | { started: false; stopped: true; phase: LaunchPhase }
  | { started: false; stopped: false; phase: LaunchPhase; error: AppError };

/**
 * A run's whole launch in one supervised request (start-run.sh): its phases come back as they
 * start, the registry is merged here when the runner asks, and the agent starts only on this
 * side's word. A hook that throws, or `stop`, cancels the request on the runner (its process
 * group is stopped) and the launch ends as stopped. A transport error is thrown as it is, with
 * `phase` saying how far it got.
 */
export async function startRun(
  host: RemoteHost,
  request: StartRunRequest,
  hooks: StartRunHooks,
  /** Stops the launch wherever it is (a canceled run). */
  stop?: AbortSignal,
): Promise<StartRunOutcome> {
  let phase: LaunchPhase = 'load-registry';
  let stopped = false;
  /** Set once this side said `go`: from then on the agent may have started, whatever comes. */
  let confirmed = false;
  /** Why this side could not answer the runner's question (a registry it cannot read). */
  let unanswered: AppError | null = null;
  const abort = new AbortController();
  const onStop = () => {
    stopped = true;
    abort.abort();
  };
  if (stop?.aborted) return { started: false, stopped: true, phase };
  stop?.addEventListener('abort', onStop, { once: true });
  // A hook that throws stops the launch: the request is canceled and its answer awaited.
  const guarded = (work: () => void): boolean => {
    try {
      work();
      return true;
    } catch {
      stopped = true;
      abort.abort();
      return false;
    }
  };
  const args = [
    request.workspaceRoot,
    request.registryPath ?? '',
    request.worktreeStep.script,
    String(request.checkoutArgs.length),
    ...request.checkoutArgs,
    String(request.worktreeStep.args.length),
    ...request.worktreeStep.args,
    request.runDir,
    request.worktreePath,
    ...request.files.flatMap((file) => [file.name, file.mode.toString(8), file.content]),
  ];
  let result;
  try {
    result = await host.run(START_RUN, args, {
      timeoutMs: START_RUN_TIMEOUT_MS,
      supervision: {
        signal: abort.signal,
        onProgress(name) {
          if (!isPhase(name) || stopped) return;
          phase = name;
          guarded(() => hooks.onPhase(name));
        },
        async onAsk(question) {
          const text = question.toString('utf8');
          const newline = text.indexOf('\n');
          const what = newline < 0 ? text : text.slice(0, newline);
          if (what === 'launch') {
            phase = 'launch';
            confirmed = guarded(() => hooks.confirmLaunch());
            return confirmed ? 'go' : 'stop';
          }
          if (what !== 'save-registry') {
            unanswered = new AppError('REMOTE_FAILED', `The runner asked an unknown question: ${what}`);
            throw unanswered;
          }
          phase = 'save-registry';
          if (!guarded(() => hooks.onPhase('save-registry'))) throw new Error('stopped');
          const rest = text.slice(newline + 1);
          const forkEnd = rest.indexOf('\n');
          const fork = forkEnd < 0 ? rest : rest.slice(0, forkEnd);
          try {
            const current = parseRegistry(
              Buffer.from(forkEnd < 0 ? '' : rest.slice(forkEnd + 1)),
              request.registryPath ?? '',
            );
            return serializeRegistry(hooks.registry(current, fork));
          } catch (error) {
            // Said as the launch's error: the runner only hears that no answer came.
            unanswered = error instanceof AppError ? error : new AppError('REMOTE_FAILED', String(error));
            throw unanswered;
          }
        },
      },
    });
  } catch (error) {
    throw Object.assign(error as Error, { phase });
  } finally {
    stop?.removeEventListener('abort', onStop);
  }
  // Once `go` was said the launcher may be running even if the request was stopped on the way:
  // the caller looks at the run again and stops what started.
  if (result.exitCode === 0 || (confirmed && stopped)) {
    const [login = '', forkGitUrl = ''] = result.stdout.toString('utf8').split('\n');
    return { started: true, login, forkGitUrl };
  }
  if (unanswered) return { started: false, stopped: false, phase, error: unanswered };
  if (stopped) return { started: false, stopped: true, phase };
  return { started: false, stopped: false, phase, error: launchError(result, phase) };
}

/** The error of a failed phase, in the words its script used. */
function launchError(result: ScriptResult, phase: LaunchPhase): AppError {
  const said = result.stderr.toString('utf8').trim().split('\n').slice(-5).join('\n');
  if (phase === 'launch' && result.exitCode === ALREADY_LAUNCHED_EXIT) return new AppError('CONFLICT', said);
  if (result.exitCode === NO_ANSWER_EXIT || result.exitCode === STOPPED_EXIT)
    return new AppError('REMOTE_FAILED', said || 'The launch stopped before the agent started.');
  return scriptFailure(`the ${phase} step`, result, START_RUN_TIMEOUT_MS);
}

function isPhase(name: string): name is LaunchPhase {
  return (LAUNCH_PHASES as readonly string[]).includes(name);
}

import type { Dispatch, RunChain, RunEvent } from '@shared/contract';
import { describeEvent, formatDuration, type EntryView } from '@shared/domain/run-entry';
import { palette } from './terminal';
import { visibleText } from './visible-text';

/** The entry with every text it carries from the runner made safe to print. */
function describeVisibly(event: RunEvent): EntryView {
  const view = describeEvent(event);
  switch (view.kind) {
    case 'agent':
      return { ...view, text: visibleText(view.text), detail: visibleText(view.detail) };
    case 'other':
      return { ...view, label: visibleText(view.label), text: visibleText(view.text) };
    case 'phase':
      return { ...view, label: visibleText(view.label) };
    default:
      return { ...view, text: visibleText(view.text) };
  }
}

/** Lines of a command's output shown in the terminal: its last few, as the window shows them. */
const OUTPUT_LINES = 6;

function clock(iso: string): string {
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? '        ' : at.toTimeString().slice(0, 8);
}

function lastLines(text: string): string[] {
  const lines = text.replace(/\n+$/, '').split('\n');
  const hidden = lines.length - OUTPUT_LINES;
  return hidden > 0 ? [`… ${hidden} earlier lines`, ...lines.slice(-OUTPUT_LINES)] : lines;
}

/**
 * A run's events as terminal lines, in order: each with its time, then what it says. A command
 * is shown when it starts; its end (the same command next) adds only its output and exit code.
 */
export function runEventFormatter(colour: boolean): (event: RunEvent) => string[] {
  let started: string | null = null;
  return (event) => {
    const view = describeVisibly(event);
    const command = view.kind === 'agent' && view.entry === 'command' ? view : null;
    const lines =
      command && command.text === started ? formatEnd(command, colour) : formatRunEvent(event, colour);
    started = command && command.exitCode === null && !command.detail ? command.text : null;
    return lines;
  };
}

function formatEnd(command: { detail: string; exitCode: number | null }, colour: boolean): string[] {
  const p = palette(colour);
  const failed = command.exitCode !== null && command.exitCode !== 0;
  const lines = command.detail ? lastLines(command.detail).map((line) => `         ${p.dim(line)}`) : [];
  return failed ? [...lines, `         ${p.red(`exit ${command.exitCode}`)}`] : lines;
}

/** One run event as terminal lines: its time, then what it says. */
export function formatRunEvent(event: RunEvent, colour: boolean): string[] {
  const p = palette(colour);
  const view = describeVisibly(event);
  const at = p.dim(clock(event.at));
  const indent = (lines: string[], paint = p.dim) => lines.map((line) => `         ${paint(line)}`);
  switch (view.kind) {
    case 'phase':
      return [`${at} ${p.cyan(`▸ ${view.label}`)}`];
    case 'note': {
      const paint = view.level === 'error' ? p.red : view.level === 'warning' ? p.yellow : p.dim;
      return [`${at} ${paint(view.text)}`];
    }
    case 'trimmed':
      return [`${at} ${p.dim(view.text)}`];
    case 'other':
      return [
        `${at} ${view.text.startsWith(view.label) ? view.text : `${p.bold(`${view.label}:`)} ${view.text}`}`,
      ];
    case 'agent':
      switch (view.entry) {
        case 'message':
          return [`${at} ${view.text}`];
        case 'command': {
          const failed = view.exitCode !== null && view.exitCode !== 0;
          const head = `${at} ${p.bold(`$ ${view.text}`)}${failed ? p.red(` (exit ${view.exitCode})`) : ''}`;
          return view.detail ? [head, ...indent(lastLines(view.detail))] : [head];
        }
        case 'error':
          return [`${at} ${p.red(view.text)}`];
        case 'file-change':
          return [`${at} ${p.yellow(`files: ${view.text}`)}`];
        default:
          return [`${at} ${p.dim(view.text)}`];
      }
  }
}

/** The run's outcome line, with its pull request when it opened one. */
export function formatOutcome(run: Dispatch, colour: boolean): string[] {
  const p = palette(colour);
  const paint = run.status === 'succeeded' ? p.green : run.status === 'canceled' ? p.yellow : p.red;
  const took =
    run.startedAt && run.finishedAt
      ? ` in ${formatDuration(Date.parse(run.finishedAt) - Date.parse(run.startedAt))}`
      : '';
  const summary = visibleText(run.summary);
  const lines = [`${paint(`Run ${run.status}${took}`)}${summary ? `: ${summary}` : ''}`];
  if (run.errorText) lines.push(p.red(visibleText(run.errorText)));
  if (run.pullRequestUrl) lines.push(`Pull request: ${visibleText(run.pullRequestUrl)}`);
  return lines;
}

/** One iteration's eval as terminal lines. */
export function formatEval(evalResult: RunChain['evals'][number], colour: boolean): string[] {
  const p = palette(colour);
  const passed = evalResult.status === 'passed';
  const took =
    evalResult.startedAt && evalResult.finishedAt
      ? ` in ${formatDuration(Date.parse(evalResult.finishedAt) - Date.parse(evalResult.startedAt))}`
      : '';
  const code = evalResult.exitCode === null ? '' : ` (exit ${evalResult.exitCode})`;
  const head = (passed ? p.green : p.red)(
    `Eval of iteration ${evalResult.iteration} ${evalResult.status}${code}${took}: ${visibleText(evalResult.command)}`,
  );
  return passed
    ? [head]
    : [head, ...lastLines(visibleText(evalResult.output)).map((line) => `         ${p.dim(line)}`)];
}

/** The chain's verdict line. */
export function formatVerdict(chain: RunChain, colour: boolean): string {
  const p = palette(colour);
  const text =
    visibleText(chain.verdict) ||
    `Chain ${chain.status} after iteration ${chain.iteration}/${chain.maxIterations}`;
  return (chain.status === 'passed' ? p.green : p.red)(text);
}

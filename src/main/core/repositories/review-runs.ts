import type { ReviewRun } from '@shared/contract/reviews';
import { REVIEW_RUN_STATUSES } from '@shared/domain/review';
import { isoNow } from '../clock';
import { notFound } from '../errors';
import { applyPatch, enumColumn, notFoundAt } from './columns';
import type { Db, RepositoryDeps } from './deps';

export interface ReviewRunCreate {
  reviewId: string;
  headSha?: string;
}

export type ReviewRunPatch = Partial<Omit<ReviewRun, 'id' | 'reviewId' | 'createdAt' | 'updatedAt'>>;

export interface ReviewRunRepository {
  /** The review's runs, newest first. */
  list(reviewId: string): ReviewRun[];
  get(id: string): ReviewRun | null;
  /** Starts as 'queued'. */
  create(input: ReviewRunCreate): ReviewRun;
  update(id: string, patch: ReviewRunPatch): ReviewRun;
  remove(id: string): void;
}

interface ReviewRunRow {
  id: string;
  review_id: string;
  status: string;
  head_sha: string;
  summary: string;
  error_text: string;
  created_at: string;
  finished_at: string | null;
  updated_at: string;
}

function toReviewRun(row: ReviewRunRow): ReviewRun {
  return {
    id: row.id,
    reviewId: row.review_id,
    status: enumColumn(REVIEW_RUN_STATUSES, row.status, 'review_runs.status'),
    headSha: row.head_sha,
    summary: row.summary,
    errorText: row.error_text,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
    updatedAt: row.updated_at,
  };
}

function toRow(r: ReviewRun): ReviewRunRow {
  return {
    id: r.id,
    review_id: r.reviewId,
    status: r.status,
    head_sha: r.headSha,
    summary: r.summary,
    error_text: r.errorText,
    created_at: r.createdAt,
    finished_at: r.finishedAt,
    updated_at: r.updatedAt,
  };
}

export function createReviewRunRepository(db: Db, { clock, ids }: RepositoryDeps): ReviewRunRepository {
  const selectForReview = db.prepare<[string], ReviewRunRow>(
    'SELECT * FROM review_runs WHERE review_id = ? ORDER BY created_at DESC, id DESC',
  );
  const selectOne = db.prepare<[string], ReviewRunRow>('SELECT * FROM review_runs WHERE id = ?');
  const reviewExists = db.prepare<[string], number>('SELECT 1 FROM reviews WHERE id = ?').pluck();
  const insert = db.prepare<[ReviewRunRow]>(
    `INSERT INTO review_runs (id, review_id, status, head_sha, summary, error_text, created_at, finished_at, updated_at)
     VALUES (@id, @review_id, @status, @head_sha, @summary, @error_text, @created_at, @finished_at, @updated_at)`,
  );
  const updateRow = db.prepare<[ReviewRunRow]>(
    `UPDATE review_runs SET status = @status, head_sha = @head_sha, summary = @summary,
       error_text = @error_text, finished_at = @finished_at, updated_at = @updated_at
     WHERE id = @id`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM review_runs WHERE id = ?');

  function get(id: string): ReviewRun | null {
    const row = selectOne.get(id);
    return row ? toReviewRun(row) : null;
  }

  const createTx = db.transaction((input: ReviewRunCreate): ReviewRun => {
    if (!reviewExists.get(input.reviewId)) throw notFoundAt('reviewId', 'Review', input.reviewId);
    const now = isoNow(clock);
    const run: ReviewRun = {
      id: ids.next('reviewRun'),
      reviewId: input.reviewId,
      status: 'queued',
      headSha: input.headSha ?? '',
      summary: '',
      errorText: '',
      createdAt: now,
      finishedAt: null,
      updatedAt: now,
    };
    insert.run(toRow(run));
    return run;
  });

  const updateTx = db.transaction((id: string, patch: ReviewRunPatch): ReviewRun => {
    const current = get(id);
    if (!current) throw notFound('ReviewRun', id);
    const next: ReviewRun = {
      ...applyPatch(current, patch),
      id,
      reviewId: current.reviewId,
      createdAt: current.createdAt,
      updatedAt: isoNow(clock),
    };
    updateRow.run(toRow(next));
    return next;
  });

  return {
    list: (reviewId) => selectForReview.all(reviewId).map(toReviewRun),
    get,
    create: (input) => createTx.immediate(input),
    update: (id, patch) => updateTx.immediate(id, patch),
    remove(id) {
      if (deleteRow.run(id).changes === 0) throw notFound('ReviewRun', id);
    },
  };
}

import type { Review } from '@shared/contract/reviews';
import { REVIEW_STATUSES } from '@shared/domain/review';
import { isoNow } from '../clock';
import { notFound } from '../errors';
import { applyPatch, enumColumn, notFoundAt } from './columns';
import type { Db, RepositoryDeps } from './deps';

type ReviewFields = Omit<Review, 'id' | 'createdAt' | 'updatedAt'>;

export type ReviewCreate = Pick<ReviewFields, 'pullRequestUrl' | 'repository' | 'pullRequestNumber'> &
  Partial<ReviewFields>;
export type ReviewPatch = Partial<ReviewFields>;

export interface ReviewRepository {
  /** Newest first. */
  list(): Review[];
  get(id: string): Review | null;
  /** Status defaults to 'open', text fields to '', project and runner to null. */
  create(input: ReviewCreate): Review;
  update(id: string, patch: ReviewPatch): Review;
  /** Deletes the review with its runs. */
  remove(id: string): void;
}

interface ReviewRow {
  id: string;
  pull_request_url: string;
  repository: string;
  pull_request_number: number;
  title: string;
  project_id: string | null;
  workspace_key: string;
  runner_id: string | null;
  status: string;
  extra_instructions: string;
  created_at: string;
  updated_at: string;
}

function toReview(row: ReviewRow): Review {
  return {
    id: row.id,
    pullRequestUrl: row.pull_request_url,
    repository: row.repository,
    pullRequestNumber: row.pull_request_number,
    title: row.title,
    projectId: row.project_id,
    workspaceKey: row.workspace_key,
    runnerId: row.runner_id,
    status: enumColumn(REVIEW_STATUSES, row.status, 'reviews.status'),
    extraInstructions: row.extra_instructions,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(r: Review): ReviewRow {
  return {
    id: r.id,
    pull_request_url: r.pullRequestUrl,
    repository: r.repository,
    pull_request_number: r.pullRequestNumber,
    title: r.title,
    project_id: r.projectId,
    workspace_key: r.workspaceKey,
    runner_id: r.runnerId,
    status: r.status,
    extra_instructions: r.extraInstructions,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

export function createReviewRepository(db: Db, { clock, ids }: RepositoryDeps): ReviewRepository {
  const selectAll = db.prepare<[], ReviewRow>('SELECT * FROM reviews ORDER BY created_at DESC, id DESC');
  const selectOne = db.prepare<[string], ReviewRow>('SELECT * FROM reviews WHERE id = ?');
  const projectExists = db.prepare<[string], number>('SELECT 1 FROM projects WHERE id = ?').pluck();
  const runnerExists = db.prepare<[string], number>('SELECT 1 FROM runners WHERE id = ?').pluck();
  const insert = db.prepare<[ReviewRow]>(
    `INSERT INTO reviews (id, pull_request_url, repository, pull_request_number, title, project_id,
       workspace_key, runner_id, status, extra_instructions, created_at, updated_at)
     VALUES (@id, @pull_request_url, @repository, @pull_request_number, @title, @project_id,
       @workspace_key, @runner_id, @status, @extra_instructions, @created_at, @updated_at)`,
  );
  const updateRow = db.prepare<[ReviewRow]>(
    `UPDATE reviews SET pull_request_url = @pull_request_url, repository = @repository,
       pull_request_number = @pull_request_number, title = @title, project_id = @project_id,
       workspace_key = @workspace_key, runner_id = @runner_id, status = @status,
       extra_instructions = @extra_instructions, updated_at = @updated_at
     WHERE id = @id`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM reviews WHERE id = ?');

  function get(id: string): Review | null {
    const row = selectOne.get(id);
    return row ? toReview(row) : null;
  }

  function assertReferences(review: Review): void {
    if (review.projectId !== null && !projectExists.get(review.projectId)) {
      throw notFoundAt('projectId', 'Project', review.projectId);
    }
    if (review.runnerId !== null && !runnerExists.get(review.runnerId)) {
      throw notFoundAt('runnerId', 'Runner', review.runnerId);
    }
  }

  const createTx = db.transaction((input: ReviewCreate): Review => {
    const now = isoNow(clock);
    const review: Review = {
      id: ids.next('review'),
      pullRequestUrl: input.pullRequestUrl,
      repository: input.repository,
      pullRequestNumber: input.pullRequestNumber,
      title: input.title ?? '',
      projectId: input.projectId ?? null,
      workspaceKey: input.workspaceKey ?? '',
      runnerId: input.runnerId ?? null,
      status: input.status ?? 'open',
      extraInstructions: input.extraInstructions ?? '',
      createdAt: now,
      updatedAt: now,
    };
    assertReferences(review);
    insert.run(toRow(review));
    return review;
  });

  const updateTx = db.transaction((id: string, patch: ReviewPatch): Review => {
    const current = get(id);
    if (!current) throw notFound('Review', id);
    const next: Review = {
      ...applyPatch(current, patch),
      id,
      createdAt: current.createdAt,
      updatedAt: isoNow(clock),
    };
    assertReferences(next);
    updateRow.run(toRow(next));
    return next;
  });

  return {
    list: () => selectAll.all().map(toReview),
    get,
    create: (input) => createTx.immediate(input),
    update: (id, patch) => updateTx.immediate(id, patch),
    remove(id) {
      if (deleteRow.run(id).changes === 0) throw notFound('Review', id);
    },
  };
}

import type { Review } from '@shared/contract/reviews';
import { AGENTS } from '@shared/domain/dispatch';
import { isoNow } from '../clock';
import { conflict, notFound } from '../errors';
import { applyPatch, enumColumn, notFoundAt } from './columns';
import type { Db, RepositoryDeps } from './deps';

/** A review as stored; its latest run and submitted review are read from its runs. */
export type StoredReview = Omit<Review, 'latestRun' | 'submittedReviewUrl'>;

type ReviewFields = Omit<StoredReview, 'id' | 'createdAt' | 'updatedAt'>;

export type ReviewCreate = Pick<
  ReviewFields,
  'pullRequestUrl' | 'repository' | 'pullRequestNumber' | 'agent'
> &
  Partial<ReviewFields>;
export type ReviewPatch = Partial<ReviewFields>;

export interface ReviewRepository {
  /** Newest first. */
  list(): StoredReview[];
  get(id: string): StoredReview | null;
  /** The review of this pull request URL (compared ignoring case), if there is one. */
  getByPullRequest(url: string): StoredReview | null;
  /** Text fields default to '', project and runner to null. CONFLICT when the PR has a review. */
  create(input: ReviewCreate): StoredReview;
  update(id: string, patch: ReviewPatch): StoredReview;
  /** Deletes the review with its runs and their events. */
  remove(id: string): void;
}

interface ReviewRow {
  id: string;
  pull_request_url: string;
  repository: string;
  pull_request_number: number;
  title: string;
  base_branch: string;
  repo_url: string;
  git_url: string;
  project_id: string | null;
  workspace_key: string;
  runner_id: string | null;
  agent: string;
  main_user: string;
  extra_instructions: string;
  head_sha: string;
  created_at: string;
  updated_at: string;
}

const COLUMNS = `id, pull_request_url, repository, pull_request_number, title, base_branch, repo_url,
  git_url, project_id, workspace_key, runner_id, agent, main_user, extra_instructions, head_sha,
  created_at, updated_at`;

function toReview(row: ReviewRow): StoredReview {
  return {
    id: row.id,
    pullRequestUrl: row.pull_request_url,
    repository: row.repository,
    pullRequestNumber: row.pull_request_number,
    title: row.title,
    baseBranch: row.base_branch,
    repoUrl: row.repo_url,
    gitUrl: row.git_url,
    projectId: row.project_id,
    workspaceKey: row.workspace_key,
    runnerId: row.runner_id,
    agent: enumColumn(AGENTS, row.agent, 'reviews.agent'),
    mainUser: row.main_user,
    extraInstructions: row.extra_instructions,
    headSha: row.head_sha,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toRow(r: StoredReview): ReviewRow {
  return {
    id: r.id,
    pull_request_url: r.pullRequestUrl,
    repository: r.repository,
    pull_request_number: r.pullRequestNumber,
    title: r.title,
    base_branch: r.baseBranch,
    repo_url: r.repoUrl,
    git_url: r.gitUrl,
    project_id: r.projectId,
    workspace_key: r.workspaceKey,
    runner_id: r.runnerId,
    agent: r.agent,
    main_user: r.mainUser,
    extra_instructions: r.extraInstructions,
    head_sha: r.headSha,
    created_at: r.createdAt,
    updated_at: r.updatedAt,
  };
}

export function createReviewRepository(db: Db, { clock, ids }: RepositoryDeps): ReviewRepository {
  const selectAll = db.prepare<[], ReviewRow>(
    `SELECT ${COLUMNS} FROM reviews ORDER BY created_at DESC, id DESC`,
  );
  const selectOne = db.prepare<[string], ReviewRow>(`SELECT ${COLUMNS} FROM reviews WHERE id = ?`);
  const selectByUrl = db.prepare<[string], ReviewRow>(
    // GitHub's owner and repository names are case-insensitive: so is a review's identity.
    `SELECT ${COLUMNS} FROM reviews WHERE lower(pull_request_url) = lower(?)`,
  );
  const projectExists = db.prepare<[string], number>('SELECT 1 FROM projects WHERE id = ?').pluck();
  const runnerExists = db.prepare<[string], number>('SELECT 1 FROM runners WHERE id = ?').pluck();
  const insert = db.prepare<[ReviewRow]>(
    `INSERT INTO reviews (${COLUMNS}) VALUES (@id, @pull_request_url, @repository,
       @pull_request_number, @title, @base_branch, @repo_url, @git_url, @project_id, @workspace_key,
       @runner_id, @agent, @main_user, @extra_instructions, @head_sha, @created_at, @updated_at)`,
  );
  const updateRow = db.prepare<[ReviewRow]>(
    `UPDATE reviews SET pull_request_url = @pull_request_url, repository = @repository,
       pull_request_number = @pull_request_number, title = @title, base_branch = @base_branch,
       repo_url = @repo_url, git_url = @git_url, project_id = @project_id,
       workspace_key = @workspace_key, runner_id = @runner_id, agent = @agent,
       main_user = @main_user, extra_instructions = @extra_instructions, head_sha = @head_sha,
       updated_at = @updated_at
     WHERE id = @id`,
  );
  const deleteRow = db.prepare<[string]>('DELETE FROM reviews WHERE id = ?');

  function get(id: string): StoredReview | null {
    const row = selectOne.get(id);
    return row ? toReview(row) : null;
  }

  function assertReferences(review: StoredReview): void {
    if (review.projectId !== null && !projectExists.get(review.projectId)) {
      throw notFoundAt('projectId', 'Project', review.projectId);
    }
    if (review.runnerId !== null && !runnerExists.get(review.runnerId)) {
      throw notFoundAt('runnerId', 'Runner', review.runnerId);
    }
  }

  const createTx = db.transaction((input: ReviewCreate): StoredReview => {
    const existing = selectByUrl.get(input.pullRequestUrl);
    if (existing) {
      throw conflict(
        `${input.pullRequestUrl} already has a review (${existing.id}): re-review it instead.`,
        'pullRequestUrl',
      );
    }
    const now = isoNow(clock);
    const review: StoredReview = {
      id: ids.next('review'),
      pullRequestUrl: input.pullRequestUrl,
      repository: input.repository,
      pullRequestNumber: input.pullRequestNumber,
      title: input.title ?? '',
      baseBranch: input.baseBranch ?? '',
      repoUrl: input.repoUrl ?? '',
      gitUrl: input.gitUrl ?? '',
      projectId: input.projectId ?? null,
      workspaceKey: input.workspaceKey ?? '',
      runnerId: input.runnerId ?? null,
      agent: input.agent,
      mainUser: input.mainUser ?? '',
      extraInstructions: input.extraInstructions ?? '',
      headSha: input.headSha ?? '',
      createdAt: now,
      updatedAt: now,
    };
    assertReferences(review);
    insert.run(toRow(review));
    return review;
  });

  const updateTx = db.transaction((id: string, patch: ReviewPatch): StoredReview => {
    const current = get(id);
    if (!current) throw notFound('Review', id);
    const next: StoredReview = {
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
    getByPullRequest: (url) => {
      const row = selectByUrl.get(url);
      return row ? toReview(row) : null;
    },
    create: (input) => createTx.immediate(input),
    update: (id, patch) => updateTx.immediate(id, patch),
    remove(id) {
      if (deleteRow.run(id).changes === 0) throw notFound('Review', id);
    },
  };
}

import type { Metrics } from '../metrics.ts';
import type { ProviderRegistry } from '../providers/registry.ts';
import type { TaskRecord } from '../store/records/tasks.ts';

/**
 * A task's start and end, counted by provider and job kind. The provider is the one that runs the
 * job (the row's own column is set only once a submit went through), `none` when none does.
 */
export class TaskMetrics {
  constructor(
    private readonly metrics: Metrics | undefined,
    private readonly providers: ProviderRegistry,
  ) {}

  started(task: TaskRecord): void {
    this.metrics?.tasksStarted.inc(this.labels(task));
  }

  /** `at`: when it ended; its duration runs from the row, written just before the submit. */
  ended(task: TaskRecord, outcome: 'finished' | 'failed', at: number): void {
    if (!this.metrics) return;
    const labels = this.labels(task);
    (outcome === 'finished' ? this.metrics.tasksFinished : this.metrics.tasksFailed).inc(labels);
    this.metrics.taskDuration.observe({ ...labels, outcome }, Math.max(0, at - task.createdAt) / 1000);
  }

  private labels(task: TaskRecord): { provider: string; kind: string } {
    return { provider: this.providers.forJob(task.job)?.id ?? 'none', kind: task.job.type };
  }
}

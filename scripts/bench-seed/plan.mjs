// The seed's work as tasks with prerequisites (an index after its table's COPY, a foreign key after
// both tables' indexes …), run on a few connections: each takes the first task, in the given order,
// whose prerequisites are done. So the longest chain (the messages' COPY, then their full-text
// index) starts first and the other connection fills in around it.

/**
 * `tasks`: [{ name, after: [names], run(client) }], most urgent first. Resolves when all are done;
 * rejects on the first failure (the other connections finish the task they are on, then stop).
 */
export async function runPlan(conns, tasks) {
  const pending = [...tasks];
  const names = new Set(tasks.map((t) => t.name));
  for (const t of tasks) {
    const unknown = t.after.filter((d) => !names.has(d));
    if (unknown.length) throw new Error(`task ${t.name} waits for unknown tasks: ${unknown.join(', ')}`);
  }
  const done = new Set();
  let running = 0;
  let failure = null;
  let waiting = [];
  const wakeAll = () => {
    for (const wake of waiting) wake();
    waiting = [];
  };

  async function worker(c) {
    for (;;) {
      if (failure || !pending.length) return;
      const i = pending.findIndex((t) => t.after.every((d) => done.has(d)));
      if (i < 0) {
        if (!running)
          throw new Error(`tasks waiting on each other: ${pending.map((t) => t.name).join(', ')}`);
        await new Promise((wake) => waiting.push(wake));
        continue;
      }
      const [task] = pending.splice(i, 1);
      running++;
      try {
        await task.run(c);
      } catch (e) {
        failure ??= e;
        throw e;
      } finally {
        running--;
        done.add(task.name);
        wakeAll();
      }
    }
  }

  const results = await Promise.allSettled(conns.map(worker));
  if (failure) throw failure;
  const rejected = results.find((r) => r.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** Tasks with no prerequisites, run as connections come free. */
export const parallel = (conns, fns) =>
  runPlan(
    conns,
    fns.map((run, i) => ({ name: String(i), after: [], run })),
  );

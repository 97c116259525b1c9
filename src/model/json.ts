import type { HostModel } from './types.js';

/** The model as `--json` prints it: container environment values are left out (secrets); names stay. */
export function modelJson(model: HostModel): string {
  const engines = model.engines.map((e) => ({
    ...e,
    containers: e.containers.map((c) => ({ ...c, env: c.env.map(({ name }) => ({ name })) })),
  }));
  return JSON.stringify({ ...model, engines }, null, 2) + '\n';
}

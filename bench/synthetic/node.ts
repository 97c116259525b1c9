/** The synthetic node's workload: pods of a pause and an app container, and how they are named. */
import type { Rng } from './rng.js';

export interface SyntheticSize {
  mounts: number;
  processes: number;
  cgroups: number;
  containers: number;
}

export const K8S_NODE_BIG: SyntheticSize = { mounts: 10_000, processes: 5_000, cgroups: 3_000, containers: 1_000 };

export const BOOT_EPOCH = 1795900000;
export const NOW = BOOT_EPOCH + 86400 * 12;
export const UPTIME = NOW - BOOT_EPOCH;

const NAMESPACES = ['default', 'kube-system', 'monitoring', 'ingress-nginx', 'payments', 'checkout', 'search', 'batch', 'logging', 'cert-manager'];
export const APPS = ['api', 'web', 'worker', 'redis', 'nginx', 'fluent-bit', 'node-exporter', 'coredns', 'envoy', 'postgres', 'kafka-consumer', 'scheduler'];
const IMAGES: Record<string, string> = {
  api: 'registry.example.com/shop/api:2.14.1',
  web: 'registry.example.com/shop/web:5.0.3',
  worker: 'registry.example.com/shop/worker:2.14.1',
  redis: 'redis:7.2-alpine',
  nginx: 'nginx:1.25',
  'fluent-bit': 'fluent/fluent-bit:2.2',
  'node-exporter': 'prom/node-exporter:v1.7.0',
  coredns: 'registry.k8s.io/coredns/coredns:v1.11.1',
  envoy: 'envoyproxy/envoy:v1.29.1',
  postgres: 'postgres:16',
  'kafka-consumer': 'registry.example.com/data/consumer:0.9.4',
  scheduler: 'registry.example.com/data/scheduler:1.3.0',
};
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.9';

export interface Pod {
  name: string;
  ns: string;
  uid: string;
  qos: 'burstable' | 'besteffort' | 'guaranteed';
  app: string;
  containers: Ctr[];
}

export interface Ctr {
  id: string;
  layer: string;
  name: string;
  pod: Pod;
  pause: boolean;
  running: boolean;
  pid: number | null;
  created: number;
  pids: number[];
  subCgroups: number;
}

/** Half as many pods as containers; every 20th app is crash-looping (exited, 4 restarts). */
export function makePods(rng: Rng, size: SyntheticSize): { pods: Pod[]; ctrs: Ctr[] } {
  const pods: Pod[] = [];
  const ctrs: Ctr[] = [];
  const podCount = Math.ceil(size.containers / 2);
  for (let p = 0; p < podCount; p++) {
    const app = APPS[p % APPS.length]!;
    const ns = NAMESPACES[p % NAMESPACES.length]!;
    const pod: Pod = { name: `${app}-${rng.hex(10)}-${rng.hex(5)}`, ns, uid: rng.uuid(), qos: p % 7 === 0 ? 'guaranteed' : p % 5 === 0 ? 'besteffort' : 'burstable', app, containers: [] };
    pods.push(pod);
    for (const pause of [true, false]) {
      if (ctrs.length >= size.containers) break;
      const c: Ctr = {
        id: rng.hex(64),
        layer: rng.hex(64),
        name: pause ? `k8s_POD_${pod.name}_${ns}_${pod.uid}_0` : `k8s_${app}_${pod.name}_${ns}_${pod.uid}_${p % 20 === 3 ? 4 : 0}`,
        pod,
        pause,
        running: pause || p % 20 !== 3,
        pid: null,
        created: NOW - rng.int(600, 86400 * 10),
        pids: [],
        subCgroups: 0,
      };
      pod.containers.push(c);
      ctrs.push(c);
    }
  }
  return { pods, ctrs };
}

export function imageOf(c: Ctr): string {
  return c.pause ? PAUSE_IMAGE : IMAGES[c.pod.app]!;
}

export function podSliceOf(pod: Pod): string {
  const u = pod.uid.replace(/-/g, '_');
  if (pod.qos === 'guaranteed') return `/kubepods.slice/kubepods-pod${u}.slice`;
  return `/kubepods.slice/kubepods-${pod.qos}.slice/kubepods-${pod.qos}-pod${u}.slice`;
}

export function scopeOf(c: Ctr): string {
  return `${podSliceOf(c.pod)}/docker-${c.id}.scope`;
}

export function labels(c: Ctr): Record<string, string> {
  return {
    'io.kubernetes.container.name': c.pause ? 'POD' : c.pod.app,
    'io.kubernetes.docker.type': c.pause ? 'podsandbox' : 'container',
    'io.kubernetes.pod.name': c.pod.name,
    'io.kubernetes.pod.namespace': c.pod.ns,
    'io.kubernetes.pod.uid': c.pod.uid,
    ...(c.pause ? { app: c.pod.app, 'pod-template-hash': c.pod.name.split('-').slice(-2, -1)[0]! } : { 'io.kubernetes.container.restartCount': c.running ? '0' : '4' }),
  };
}

export function appArgs(app: string): string {
  switch (app) {
    case 'redis':
      return 'redis-server *:6379 --maxmemory 512mb';
    case 'nginx':
      return 'nginx -g daemon off;';
    case 'postgres':
      return 'postgres -c shared_buffers=256MB -c max_connections=200';
    case 'coredns':
      return '/coredns -conf /etc/coredns/Corefile';
    case 'envoy':
      return 'envoy -c /etc/envoy/envoy.yaml --service-cluster mesh';
    default:
      return `/app/${app} --config /etc/${app}/config.yaml --log-level info`;
  }
}

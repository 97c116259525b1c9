/** The synthetic node's docker (cri-dockerd) as Docker Engine API answers: /version, /info, the list and each container's inspect. */
import type { RawEngine } from '../../src/snapshot/types.js';
import { APPS, appArgs, imageOf, labels, NOW, podSliceOf, type Ctr } from './node.js';
import { hashHex, type Rng } from './rng.js';

export function dockerEngine(rng: Rng, ctrs: readonly Ctr[]): RawEngine {
  const running = ctrs.filter((c) => c.running);
  const version = {
    Platform: { Name: 'Docker Engine - Community' },
    Version: '24.0.9',
    ApiVersion: '1.43',
    MinAPIVersion: '1.12',
    GitCommit: 'fca702d',
    GoVersion: 'go1.20.13',
    Os: 'linux',
    Arch: 'amd64',
    KernelVersion: '6.6.21-flatcar',
    BuildTime: '2024-03-14T00:00:00.000000000+00:00',
  };
  const info = {
    ID: rng.uuid(),
    Containers: ctrs.length,
    ContainersRunning: running.length,
    ContainersPaused: 0,
    ContainersStopped: ctrs.length - running.length,
    Images: APPS.length + 1,
    Driver: 'overlay2',
    DriverStatus: [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Using metacopy', 'false'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    DockerRootDir: '/var/lib/docker',
    CgroupDriver: 'systemd',
    CgroupVersion: '2',
    Name: 'k8s-node-big',
    OperatingSystem: 'Flatcar Container Linux by Kinvolk 3815.2.1 (Oklo)',
    KernelVersion: '6.6.21-flatcar',
    NCPU: 32,
    MemTotal: 134_661_439_488,
    ServerVersion: '24.0.9',
  };
  const list = ctrs.map((c) => ({
    Id: c.id,
    Names: [`/${c.name}`],
    Image: imageOf(c),
    ImageID: `sha256:${hashHex(imageOf(c))}`,
    Command: c.pause ? '/pause' : appArgs(c.pod.app),
    Created: c.created,
    Ports: [],
    Labels: labels(c),
    State: c.running ? 'running' : 'exited',
    Status: c.running ? `Up ${Math.round((NOW - c.created) / 3600)} hours` : 'Exited (137) 2 minutes ago',
    HostConfig: { NetworkMode: c.pause ? 'none' : `container:${c.pod.containers[0]!.id}` },
    NetworkSettings: { Networks: c.pause ? { none: { NetworkID: rng.hex(64), EndpointID: '', Gateway: '', IPAddress: '', IPPrefixLen: 0, MacAddress: '' } } : {} },
    Mounts: c.pause
      ? []
      : [
          { Type: 'bind', Source: `/var/lib/kubelet/pods/${c.pod.uid}/volumes/kubernetes.io~projected/kube-api-access`, Destination: '/var/run/secrets/kubernetes.io/serviceaccount', Mode: 'ro', RW: false, Propagation: 'rprivate' },
          { Type: 'bind', Source: `/var/lib/kubelet/pods/${c.pod.uid}/etc-hosts`, Destination: '/etc/hosts', Mode: '', RW: true, Propagation: 'rprivate' },
        ],
  }));
  const answers: Record<string, string> = {
    '/version': JSON.stringify(version),
    '/info': JSON.stringify(info),
    '/containers/json?all=1': JSON.stringify(list),
  };
  for (const c of ctrs) {
    answers[`/containers/${c.id}/json`] = JSON.stringify({
      Id: c.id,
      Created: new Date(c.created * 1000).toISOString(),
      Path: c.pause ? '/pause' : appArgs(c.pod.app).split(' ')[0],
      Args: c.pause ? [] : appArgs(c.pod.app).split(' ').slice(1),
      State: {
        Status: c.running ? 'running' : 'exited',
        Running: c.running,
        Paused: false,
        Restarting: false,
        OOMKilled: !c.running,
        Dead: false,
        Pid: c.running ? c.pid : 0,
        ExitCode: c.running ? 0 : 137,
        Error: '',
        StartedAt: new Date(c.created * 1000 + 800).toISOString(),
        FinishedAt: c.running ? '0001-01-01T00:00:00Z' : new Date((NOW - 120) * 1000).toISOString(),
      },
      Image: `sha256:${hashHex(imageOf(c))}`,
      Name: `/${c.name}`,
      RestartCount: c.running ? 0 : 4,
      Driver: 'overlay2',
      Platform: 'linux',
      HostConfig: {
        NetworkMode: c.pause ? 'none' : `container:${c.pod.containers[0]!.id}`,
        CgroupParent: podSliceOf(c.pod).split('/').pop(),
        IpcMode: c.pause ? 'shareable' : `container:${c.pod.containers[0]!.id}`,
        OomScoreAdj: c.pod.qos === 'guaranteed' ? -997 : c.pod.qos === 'besteffort' ? 1000 : 936,
        Memory: c.pod.qos === 'besteffort' ? 0 : 536_870_912,
        NanoCpus: 0,
        CpuShares: c.pause ? 2 : 512,
        ShmSize: 67_108_864,
        Runtime: 'runc',
      },
      GraphDriver: {
        Name: 'overlay2',
        Data: {
          LowerDir: `/var/lib/docker/overlay2/${c.layer}-init/diff`,
          MergedDir: `/var/lib/docker/overlay2/${c.layer}/merged`,
          UpperDir: `/var/lib/docker/overlay2/${c.layer}/diff`,
          WorkDir: `/var/lib/docker/overlay2/${c.layer}/work`,
        },
      },
      Mounts: list.find((l) => l.Id === c.id)!.Mounts,
      Config: {
        Hostname: c.pod.name,
        User: c.pause ? '65535:65535' : '',
        Env: c.pause ? ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'] : [`KUBERNETES_SERVICE_HOST=10.96.0.1`, 'KUBERNETES_SERVICE_PORT=443', `POD_NAME=${c.pod.name}`, `POD_NAMESPACE=${c.pod.ns}`, 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
        Cmd: c.pause ? null : appArgs(c.pod.app).split(' '),
        Image: imageOf(c),
        Labels: labels(c),
      },
      NetworkSettings: { Networks: c.pause ? { none: { NetworkID: rng.hex(64), IPAddress: '' } } : {} },
    });
  }
  return { socket: '/var/run/docker.sock', name: 'docker', via: 'api', answers };
}

/** The kinds of engine cosi tells apart (by socket name). */
export type EngineKind = 'docker' | 'system-docker' | 'podman' | 'containerd' | 'cri-o' | 'other';

/** Whether an engine could be read, and if not, which kind of reason. */
export type EngineStatus = 'up' | 'permission-denied' | 'socket-activated' | 'down' | 'error' | 'unknown';

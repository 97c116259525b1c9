/** Help texts. Kept free of imports (but the import-free screenshot sizes) so `cosi --help` starts instantly. */
import { DEFAULT_COLS, DEFAULT_ROWS } from '../export/errors.js';
export const MAIN_HELP = `cosi — inspect a container-optimized Linux host (RancherOS, Flatcar/CoreOS,
Photon OS, any host running containers) over ONE SSH session: services and
cgroups, mounts (bind mounts collapsed), every container engine, memory.

Usage:
  cosi connect [user@]host[:port] [ssh options]  live TUI over SSH
  cosi connect --local | --via CMD               live TUI on this machine / through a shell command
  cosi snapshot SOURCE (-o FILE | --json)        save a raw snapshot, or print the parsed model
  cosi open FILE [--json]                        browse a saved snapshot (or print its model)
  cosi demo [NAME] [--list]                      the TUI on a bundled lab snapshot
  cosi screenshot SOURCE --tab TAB -o FILE       export a tab as .svg .png .txt or .ansi
  cosi logs SOURCE TARGET [-n N] [-p P] [-f]     the last lines of a unit, a container or the kernel

SOURCE is one of:
  [user@]host[:port]    SSH, configured like your ssh (~/.ssh/config, known_hosts, agent)
  --local               this machine, through a local /bin/sh
  --via CMD             any command whose stdin/stdout is a POSIX shell on the target:
                        'docker exec -i console sh', 'ssh host sh', 'kubectl debug ... -- chroot /host sh'
  --snapshot FILE       a saved snapshot (screenshot, logs)
  --demo NAME           a bundled demo host (screenshot, logs)

Options:
  --refresh SECONDS     refresh interval of the live TUI (default 2)
  --timeout SECONDS     a refresh fails after SECONDS without a byte from the target
                        (default 30; one still receiving may take 10x as long)
  --sudo                run root-only sections (PID 1 mounts, system-docker) in ONE
                        'sudo -n' shell per session (never asks for a password)
  --engine PATH         also read the Docker-API socket PATH (repeatable)
  --host-root DIR       the shell sees the host's files under DIR (a debug container:
                        kubectl debug's /host, Bottlerocket's /.bottlerocket/rootfs);
                        see docs/host-root.md
  -i FILE, -J JUMP, -p PORT, -l USER, -F CONFIG   as in ssh(1)
  -o KEY=VALUE          an ssh option, as ssh's -o, when KEY is an ssh_config keyword
                        (repeatable; also --ssh-option KEY=VALUE)
  -o FILE               output file (any other -o value)
  --json                print the parsed host model as JSON
  -h, --help            this help; 'cosi COMMAND --help' for a command
  -V, --version         print the version

Examples:
  cosi demo --list
  cosi screenshot --demo rancheros --tab mounts --keys '/ sda1 enter' -o sda1.svg
  cosi snapshot --local -o here.cosi.json
  cosi open here.cosi.json --json | jq .memory

cosi only reads: it never writes to the host, starts a service or wakes a
socket-activated engine. Keys inside the TUI: press ? for the list.
`;

export const COMMAND_HELP: Record<string, string> = {
  connect: `Usage: cosi connect ([user@]host[:port] | --local | --via CMD) [options]

Opens the live TUI. Over SSH cosi reads ~/.ssh/config (or -F FILE), verifies
the host key against known_hosts (an unknown key is shown and asked about,
a changed key is refused), authenticates like ssh (agent, keys, password),
and runs every refresh through ONE persistent remote shell.

Options:
  --refresh SECONDS   refresh interval (default 2)
  --timeout SECONDS   a refresh fails after SECONDS without a byte from the target
                      (default 30; one still receiving may take 10x as long)
  --sudo              root-only sections in ONE 'sudo -n' shell per session
                      (never asks for a password)
  --engine PATH       also read this Docker-API socket (repeatable)
  --host-root DIR     the shell is a debug container that sees the host's / at DIR:
                      os-release, engine sockets, containerd's state, logs and
                      systemd are read there; /proc and cgroups are the shell's
                      (the host's when it shares the host's PID namespace, else
                      the header says so). A Kubernetes node, as typed:
                        cosi connect --via 'kubectl debug node/n1 -it --image=busybox -- sh' --host-root /host
                      Other hosts (Bottlerocket, Talos, COS ...): docs/host-root.md
  -i FILE             identity file (repeatable)
  -J [user@]host[:port][,...]  jump hosts
  -p PORT, -l USER, -F CONFIG  as in ssh(1)
  -o KEY=VALUE        an ssh option as ssh's -o (KEY an ssh_config keyword; repeatable);
                      also --ssh-option KEY=VALUE
  --screenshot-dir DIR  where the 's' key saves screenshots (default ./cosi-screenshots)
  --log-lines N       lines the Logs tab keeps while following (f): a ring, the
                      oldest dropped first (default 10000)
`,
  snapshot: `Usage: cosi snapshot ([user@]host[:port] | --local | --via CMD) (-o FILE | --json)

Two probe round trips, --interval apart, so that CPU rates are in the result.
With -o, writes a versioned JSON file of the RAW section texts (what the host
printed, exit codes, sizes, timings) so a later cosi parses it again; with
--json, prints the parsed host model (see docs/snapshot-format.md) for scripts.

Options:
  --interval SECONDS  time between the two readings of the CPU counters
                      (default 1; 0 = one round trip, no rates)
  --timeout SECONDS   give up after SECONDS without a byte from the target
                      (default 30; an answer still arriving may take 10x as long)
  --sudo, --engine PATH, --host-root DIR and the ssh options as for 'cosi connect --help'

Examples:
  cosi snapshot --local -o here.cosi.json
  cosi snapshot --via 'sh' --host-root / --json | jq .identity.osPrettyName
  cosi snapshot --local --json | jq .memory
  cosi snapshot --local --interval 0.5 --json | jq .cpu
`,
  open: `Usage: cosi open FILE [--json]

Browses a saved snapshot in the TUI, or prints its parsed model with --json.

Examples:
  cosi snapshot --local -o here.cosi.json
  cosi open here.cosi.json --json | jq .identity
`,
  demo: `Usage: cosi demo [NAME] [--list]

Runs the TUI on a snapshot bundled with cosi, recorded from a host of cosi's
test lab: a RancherOS-like or a CoreOS-like host built on Debian in namespaces
of its own (not a real RancherOS or CoreOS machine).
--list shows the bundled hosts. Default: rancheros.

Examples:
  cosi demo --list
`,
  logs: `Usage: cosi logs ([user@]host[:port] | --local | --via CMD | --snapshot FILE | --demo NAME) TARGET [options]

Prints the last lines of TARGET, read in one shell on the host:
  UNIT.service (any unit)  journalctl: the unit's lines and PID 1's about it
                           (why it failed to start is often only there)
  NAME or ID               a container's logs (docker, then system-docker CLI);
                           a bare name that is no container is read as NAME.service
  kernel                   journalctl -k, or dmesg where there is no journal
  /var/log/FILE            a plain syslog file, where there is no journal
Always bounded (-n lines and an 8 MiB cap); never rotates, vacuums or flushes
the journal. Every line is sanitized: a container's escape sequences are shown
as text, never sent to your terminal.
With --snapshot FILE (or --demo NAME, a bundled one), offline: the lines the file
stored, the last 200 of each failed unit and exited or restarting container.

Options:
  -n N                lines (default 200, at most 10000)
  --since T           10m, 2h, 1d, or a date: 2026-12-01 or '2026-12-01 14:00'
  --boot -1           the previous boot (journal only; 0 this boot)
  -p, --priority P    lines at P or more important: emerg alert crit err warning
                      notice info debug, or 0 to 7 (journalctl -p). Other sources
                      read their last N lines, then leave out those whose priority
                      is known and lower (a container's lines have none: all kept).
                      A -p that is no priority is ssh's port
  -f, --follow        then keep printing new lines (a read every 2 s of what came
                      after the last) until Ctrl-C; not with --snapshot
  --json              one JSON object per line: {time, source, target, stream, priority, message}
  --sudo              read as root with 'sudo -n' (system-docker, a journal you cannot read)
  --host-root DIR     the host's journal, files, pods and engine sockets are under DIR
                      (a debug container; see 'cosi connect --help')
  --timeout SECONDS and the ssh options as for 'cosi connect --help'

Examples:
  cosi logs --local kernel -n 20
  cosi logs --local kernel -n 5 --json
  cosi logs --demo coreos broken.service
  cosi logs --demo coreos broken.service -p err
`,
  screenshot: `Usage: cosi screenshot SOURCE [--tab TAB] [--keys KEYS] [--cols N] [--rows N] -o FILE

SOURCE: [user@]host | --local | --via CMD | --snapshot FILE | --demo NAME
  --tab TAB     overview, services, mounts, engines or memory (default overview)
  --keys KEYS   keys pressed before the picture, space separated, named as in the
                TUI's ? help; the word after / is text typed into the filter
  --cols N, --rows N   terminal size (default ${DEFAULT_COLS}x${DEFAULT_ROWS})
  -o FILE       .svg, .png, .txt or .ansi (by extension)

Examples:
  cosi screenshot --demo rancheros --tab mounts --keys 'j j enter' -o mounts.svg
  cosi screenshot --demo rancheros --tab mounts --keys '/ sda1 enter' -o sda1.txt
`,
};

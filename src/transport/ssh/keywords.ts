/** ssh_config(5) keywords (OpenSSH 9.x, with the old aliases): what `-o Key=Value` may name. */
const KEYWORDS = `AddKeysToAgent AddressFamily BatchMode BindAddress BindInterface CanonicalDomains
CanonicalizeFallbackLocal CanonicalizeHostname CanonicalizeMaxDots CanonicalizePermittedCNAMEs
CASignatureAlgorithms CertificateFile ChallengeResponseAuthentication ChannelTimeout CheckHostIP
Ciphers ClearAllForwardings Compression ConnectionAttempts ConnectTimeout ControlMaster ControlPath
ControlPersist DynamicForward EnableEscapeCommandline EnableSSHKeysign EscapeChar ExitOnForwardFailure
FingerprintHash ForkAfterAuthentication ForwardAgent ForwardX11 ForwardX11Timeout ForwardX11Trusted
GatewayPorts GlobalKnownHostsFile GSSAPIAuthentication GSSAPIDelegateCredentials HashKnownHosts
HostbasedAcceptedAlgorithms HostbasedAuthentication HostbasedKeyTypes HostKeyAlgorithms HostKeyAlias
HostName IdentitiesOnly IdentityAgent IdentityFile IgnoreUnknown IPQoS KbdInteractiveAuthentication
KbdInteractiveDevices KexAlgorithms KnownHostsCommand LocalCommand LocalForward LogLevel LogVerbose
MACs NoHostAuthenticationForLocalhost NumberOfPasswordPrompts ObscureKeystrokeTiming
PasswordAuthentication PermitLocalCommand PermitRemoteOpen PKCS11Provider Port PreferredAuthentications
ProxyCommand ProxyJump ProxyUseFdpass PubkeyAcceptedAlgorithms PubkeyAcceptedKeyTypes
PubkeyAuthentication RekeyLimit RemoteCommand RemoteForward RequestTTY RequiredRSASize RevokedHostKeys
SecurityKeyProvider SendEnv ServerAliveCountMax ServerAliveInterval SessionType SetEnv StdinNull
StreamLocalBindMask StreamLocalBindUnlink StrictHostKeyChecking SyslogFacility TCPKeepAlive Tag Tunnel
TunnelDevice UpdateHostKeys User UserKnownHostsFile VerifyHostKeyDNS VisualHostKey XAuthLocation`;

const NAMES = new Set(KEYWORDS.split(/\s+/).map((k) => k.toLowerCase()));

/** True when `text` reads as an ssh option: a known keyword, then `=` or a space, then a value. */
export function isSshOptionText(text: string): boolean {
  const m = /^\s*([A-Za-z0-9]+)\s*(?:=|\s)\s*\S/.exec(text);
  return m !== null && NAMES.has(m[1].toLowerCase());
}

//! One typed configuration, layered: defaults, then `hearth.toml`, then `HEARTH_*`
//! environment variables, then command-line flags. Secrets may come from `*_FILE`
//! variables; `Debug` never prints them.

use serde::Deserialize;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The documented example, printed by `hearth config default`.
pub const EXAMPLE: &str = include_str!("../../../docs/hearth.example.toml");

#[derive(Clone, PartialEq, Eq)]
pub struct Config {
    /// Address to listen on.
    pub listen: String,
    /// Where Hearth keeps its SQLite database (and, later, other files).
    pub data_dir: PathBuf,
    /// `postgres://...` to use PostgreSQL; empty means SQLite in `data_dir`.
    pub database_url: String,
    /// The address members use, e.g. `https://community.example.com`; https makes cookies Secure.
    pub public_url: String,
    /// Log filter: `error`, `warn`, `info`, `debug` or `trace`.
    pub log: String,
    /// Whether visitors may sign up by themselves (`open`) or only be added (`closed`).
    pub signup: Signup,
    pub limits: Limits,
    /// Argon2id memory cost in KiB (19456 is OWASP's recommendation; tests use less).
    pub argon2_memory_kib: u32,
    /// How long a page or API answer shown to anonymous visitors may be reused, in
    /// milliseconds (0 turns the cache off). Writes on this node clear it at once.
    pub anonymous_cache_ms: u64,
    /// Outgoing mail server, `smtp://host:port` or `smtps://user:pass@host:465`
    /// (`?tls=required` asks for STARTTLS). Empty: Hearth sends no mail.
    pub smtp_url: String,
    /// The sender of every mail, `Name <address>` or an address.
    pub mail_from: String,
    /// Whether new members must confirm their email address before they may post.
    pub confirm_email: bool,
    /// Whether admins get the weekly report by mail every Monday (on by default; the
    /// Overview's button sends it on demand either way).
    pub weekly_report: bool,
    /// Addresses (or CIDR ranges) of reverse proxies whose `X-Forwarded-For` is believed.
    /// Empty: the connection's own address is the client's.
    pub trusted_proxies: Vec<Network>,
    /// Whether webhooks may deliver to loopback, private and link-local addresses (for a
    /// test or an integration on the same machine). Off: such URLs are refused, when a
    /// subscription is made and again at every delivery.
    pub allow_local_webhooks: bool,
    /// Milliseconds before a failed webhook delivery is tried again; each later wait is
    /// four times the one before, up to 10 hours, for 8 attempts in all.
    pub webhook_retry_ms: u64,
    /// Milliseconds a webhook receiver has to answer before the attempt counts as failed.
    pub webhook_timeout_ms: u64,
    /// Address for the Prometheus `/metrics` listener (`127.0.0.1:9464`); empty: none.
    /// Keep it off the public network: it says how busy the community is.
    pub metrics_listen: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Signup {
    Open,
    Closed,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    pub title_max_chars: usize,
    pub body_max_bytes: usize,
    /// Largest request body accepted at all (413 beyond it).
    pub request_max_bytes: usize,
    /// Sign-in attempts per client address per 5 minutes.
    pub login_attempts_per_5_minutes: i64,
    /// Sign-ups per client address per hour.
    pub signups_per_hour: i64,
    /// Password attempts on one account per hour, from every client together.
    pub login_attempts_per_account_hour: i64,
    /// Password-reset mails to one address per hour.
    pub reset_mails_per_address_hour: i64,
    /// Connections served at once; more wait in the kernel's backlog. Keep it below the
    /// process's file-descriptor limit (`ulimit -n`).
    pub max_connections: usize,
    /// Connections one client address (an IPv6 /64) may hold at once; trusted proxies are
    /// not capped.
    pub max_connections_per_client: usize,
    /// Seconds a client has to send a request's headers before the connection is closed.
    pub header_read_timeout_secs: u64,
    /// Seconds a request may take before it is answered 503 (imports are exempt).
    pub request_timeout_secs: u64,
    pub logo_max_bytes: usize,
    /// Largest file the admin page's import upload accepts (streamed to disk; the CLI has
    /// no limit).
    pub import_max_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            title_max_chars: 200,
            body_max_bytes: 64 * 1024,
            request_max_bytes: 2 * 1024 * 1024,
            login_attempts_per_5_minutes: 10,
            signups_per_hour: 10,
            login_attempts_per_account_hour: 20,
            reset_mails_per_address_hour: 3,
            max_connections: 2048,
            max_connections_per_client: 256,
            header_read_timeout_secs: 10,
            request_timeout_secs: 60,
            logo_max_bytes: 512 * 1024,
            import_max_bytes: 1 << 30,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: "127.0.0.1:8080".into(),
            data_dir: PathBuf::from("./hearth-data"),
            database_url: String::new(),
            public_url: String::new(),
            log: "info".into(),
            signup: Signup::Open,
            limits: Limits::default(),
            argon2_memory_kib: 19456,
            anonymous_cache_ms: 1000,
            smtp_url: String::new(),
            mail_from: String::new(),
            confirm_email: false,
            weekly_report: true,
            trusted_proxies: Vec::new(),
            allow_local_webhooks: false,
            webhook_retry_ms: 5_000,
            webhook_timeout_ms: 10_000,
            metrics_listen: String::new(),
        }
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("data_dir", &self.data_dir)
            .field("database_url", &redact_url(&self.database_url))
            .field("public_url", &self.public_url)
            .field("log", &self.log)
            .field("signup", &self.signup)
            .field("limits", &self.limits)
            .field("anonymous_cache_ms", &self.anonymous_cache_ms)
            .field("smtp_url", &redact_url(&self.smtp_url))
            .field("mail_from", &self.mail_from)
            .field("confirm_email", &self.confirm_email)
            .field("weekly_report", &self.weekly_report)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("allow_local_webhooks", &self.allow_local_webhooks)
            .field("webhook_retry_ms", &self.webhook_retry_ms)
            .field("webhook_timeout_ms", &self.webhook_timeout_ms)
            .field("metrics_listen", &self.metrics_listen)
            .finish()
    }
}

/// Hides the password in `scheme://user:password@host/...`.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let userinfo = &url[s + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..s + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// An address or CIDR range (`10.0.0.1`, `10.0.0.0/8`, `fd00::/8`), parsed once when the
/// configuration is read, so that asking whether a peer is a trusted proxy (every
/// connection, every rate-limited request) is arithmetic, not parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
pub struct Network {
    addr: std::net::IpAddr,
    prefix: u8,
}

impl std::str::FromStr for Network {
    type Err = String;

    /// Parses `text`, or says what is wrong with it.
    fn from_str(text: &str) -> Result<Network, String> {
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: std::net::IpAddr = addr
            .trim()
            .parse()
            .map_err(|_| format!("{text:?} is not an IP address or a range like 10.0.0.0/8"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => max,
            Some(p) => p
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| *p <= max)
                .ok_or_else(|| format!("{text:?}: the prefix length must be 0 to {max}"))?,
        };
        Ok(Network {
            addr: addr.to_canonical(),
            prefix,
        })
    }
}

impl TryFrom<String> for Network {
    type Error = String;

    fn try_from(text: String) -> Result<Network, String> {
        text.parse()
    }
}

impl Network {
    /// Is `ip` inside this range? An IPv4-mapped IPv6 address counts as its IPv4 address.
    pub fn contains(&self, ip: &std::net::IpAddr) -> bool {
        use std::net::IpAddr;
        match (ip.to_canonical(), self.addr) {
            (IpAddr::V4(a), IpAddr::V4(b)) => {
                let mask = u32::MAX
                    .checked_shl(32 - u32::from(self.prefix))
                    .unwrap_or(0);
                u32::from(a) & mask == u32::from(b) & mask
            }
            (IpAddr::V6(a), IpAddr::V6(b)) => {
                let mask = u128::MAX
                    .checked_shl(128 - u32::from(self.prefix))
                    .unwrap_or(0);
                u128::from(a) & mask == u128::from(b) & mask
            }
            _ => false,
        }
    }
}

/// The file layer: every field optional.
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
struct FileConfig {
    listen: Option<String>,
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    public_url: Option<String>,
    log: Option<String>,
    signup: Option<Signup>,
    limits: Option<Limits>,
    argon2_memory_kib: Option<u32>,
    anonymous_cache_ms: Option<u64>,
    smtp_url: Option<String>,
    mail_from: Option<String>,
    confirm_email: Option<bool>,
    weekly_report: Option<bool>,
    trusted_proxies: Option<Vec<Network>>,
    allow_local_webhooks: Option<bool>,
    webhook_retry_ms: Option<u64>,
    webhook_timeout_ms: Option<u64>,
    metrics_listen: Option<String>,
}

/// The flags every subcommand accepts.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub config_file: Option<PathBuf>,
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read config file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("config file {path}: {message}")]
    Parse { path: PathBuf, message: String },
    #[error("environment variable {name}: {message}")]
    Env { name: String, message: String },
    /// A setting parsed but makes no sense (named as in `hearth.toml`).
    #[error("setting {name}: {message}")]
    Invalid { name: &'static str, message: String },
}

fn env_value(env: &HashMap<String, String>, name: &str) -> Result<Option<String>, ConfigError> {
    if let Some(v) = env.get(name) {
        return Ok(Some(v.clone()));
    }
    let file_var = format!("{name}_FILE");
    if let Some(path) = env.get(&file_var) {
        let v = std::fs::read_to_string(path).map_err(|e| ConfigError::Env {
            name: file_var,
            message: e.to_string(),
        })?;
        return Ok(Some(v.trim_end_matches(['\n', '\r']).to_string()));
    }
    Ok(None)
}

fn env_number<T: std::str::FromStr>(
    env: &HashMap<String, String>,
    name: &str,
) -> Result<Option<T>, ConfigError> {
    env_value(env, name)?
        .map(|v| {
            v.trim().parse::<T>().map_err(|_| ConfigError::Env {
                name: name.into(),
                message: format!("{v:?} is not a number"),
            })
        })
        .transpose()
}

impl Config {
    /// Builds the configuration from the four layers. `env` is the process environment
    /// (passed in so the precedence can be tested).
    pub fn load(flags: &Overrides, env: &HashMap<String, String>) -> Result<Config, ConfigError> {
        let mut c = Config::default();
        // The data directory decides where the default config file is, so read it first.
        let data_dir = flags
            .data_dir
            .clone()
            .or_else(|| env.get("HEARTH_DATA_DIR").map(PathBuf::from));
        let file = match (&flags.config_file, env.get("HEARTH_CONFIG")) {
            (Some(path), _) => Some((path.clone(), true)),
            (None, Some(path)) => Some((PathBuf::from(path), true)),
            (None, None) => Some((
                data_dir
                    .clone()
                    .unwrap_or_else(|| c.data_dir.clone())
                    .join("hearth.toml"),
                false,
            )),
        };
        if let Some((path, required)) = file {
            match std::fs::read_to_string(&path) {
                Ok(text) => c.apply_file(&path, &text)?,
                Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {}
                Err(source) => return Err(ConfigError::Read { path, source }),
            }
        }
        c.apply_env(env)?;
        if let Some(v) = &flags.data_dir {
            c.data_dir = v.clone();
        }
        if let Some(v) = &flags.database_url {
            c.database_url = v.clone();
        }
        if let Some(v) = &flags.listen {
            c.listen = v.clone();
        }
        c.validate()?;
        Ok(c)
    }

    fn apply_file(&mut self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let f: FileConfig = toml::from_str(text).map_err(|e| ConfigError::Parse {
            path: path.into(),
            message: e.to_string(),
        })?;
        if let Some(v) = f.listen {
            self.listen = v;
        }
        if let Some(v) = f.data_dir {
            self.data_dir = v;
        }
        if let Some(v) = f.database_url {
            self.database_url = v;
        }
        if let Some(v) = f.public_url {
            self.public_url = v;
        }
        if let Some(v) = f.log {
            self.log = v;
        }
        if let Some(v) = f.signup {
            self.signup = v;
        }
        if let Some(v) = f.limits {
            self.limits = v;
        }
        if let Some(v) = f.argon2_memory_kib {
            self.argon2_memory_kib = v;
        }
        if let Some(v) = f.anonymous_cache_ms {
            self.anonymous_cache_ms = v;
        }
        if let Some(v) = f.smtp_url {
            self.smtp_url = v;
        }
        if let Some(v) = f.mail_from {
            self.mail_from = v;
        }
        if let Some(v) = f.confirm_email {
            self.confirm_email = v;
        }
        if let Some(v) = f.weekly_report {
            self.weekly_report = v;
        }
        if let Some(v) = f.trusted_proxies {
            self.trusted_proxies = v;
        }
        if let Some(v) = f.allow_local_webhooks {
            self.allow_local_webhooks = v;
        }
        if let Some(v) = f.webhook_retry_ms {
            self.webhook_retry_ms = v;
        }
        if let Some(v) = f.webhook_timeout_ms {
            self.webhook_timeout_ms = v;
        }
        if let Some(v) = f.metrics_listen {
            self.metrics_listen = v;
        }
        Ok(())
    }

    fn apply_env(&mut self, env: &HashMap<String, String>) -> Result<(), ConfigError> {
        if let Some(v) = env_value(env, "HEARTH_LISTEN")? {
            self.listen = v;
        }
        if let Some(v) = env_value(env, "HEARTH_DATA_DIR")? {
            self.data_dir = v.into();
        }
        if let Some(v) = env_value(env, "HEARTH_DATABASE_URL")? {
            self.database_url = v;
        }
        if let Some(v) = env_value(env, "HEARTH_PUBLIC_URL")? {
            self.public_url = v;
        }
        if let Some(v) = env_value(env, "HEARTH_LOG")? {
            self.log = v;
        }
        if let Some(v) = env_value(env, "HEARTH_TRUSTED_PROXIES")? {
            self.trusted_proxies = v
                .split(',')
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::parse)
                .collect::<Result<_, String>>()
                .map_err(|message| ConfigError::Env {
                    name: "HEARTH_TRUSTED_PROXIES".into(),
                    message,
                })?;
        }
        if let Some(v) = env_value(env, "HEARTH_SIGNUP")? {
            self.signup = match v.as_str() {
                "open" => Signup::Open,
                "closed" => Signup::Closed,
                _ => {
                    return Err(ConfigError::Env {
                        name: "HEARTH_SIGNUP".into(),
                        message: "must be open or closed".into(),
                    });
                }
            };
        }
        if let Some(v) = env_number(env, "HEARTH_TITLE_MAX_CHARS")? {
            self.limits.title_max_chars = v;
        }
        if let Some(v) = env_number(env, "HEARTH_BODY_MAX_BYTES")? {
            self.limits.body_max_bytes = v;
        }
        if let Some(v) = env_number(env, "HEARTH_REQUEST_MAX_BYTES")? {
            self.limits.request_max_bytes = v;
        }
        if let Some(v) = env_number(env, "HEARTH_IMPORT_MAX_BYTES")? {
            self.limits.import_max_bytes = v;
        }
        if let Some(v) = env_number(env, "HEARTH_ARGON2_MEMORY_KIB")? {
            self.argon2_memory_kib = v;
        }
        if let Some(v) = env_number(env, "HEARTH_ANONYMOUS_CACHE_MS")? {
            self.anonymous_cache_ms = v;
        }
        if let Some(v) = env_value(env, "HEARTH_SMTP_URL")? {
            self.smtp_url = v;
        }
        if let Some(v) = env_value(env, "HEARTH_MAIL_FROM")? {
            self.mail_from = v;
        }
        if let Some(v) = env_number(env, "HEARTH_WEBHOOK_RETRY_MS")? {
            self.webhook_retry_ms = v;
        }
        if let Some(v) = env_number(env, "HEARTH_WEBHOOK_TIMEOUT_MS")? {
            self.webhook_timeout_ms = v;
        }
        if let Some(v) = env_value(env, "HEARTH_METRICS_LISTEN")? {
            self.metrics_listen = v;
        }
        for (name, slot) in [
            ("HEARTH_CONFIRM_EMAIL", &mut self.confirm_email),
            ("HEARTH_WEEKLY_REPORT", &mut self.weekly_report),
            (
                "HEARTH_ALLOW_LOCAL_WEBHOOKS",
                &mut self.allow_local_webhooks,
            ),
        ] {
            if let Some(v) = env_value(env, name)? {
                *slot = match v.as_str() {
                    "true" | "1" | "yes" => true,
                    "false" | "0" | "no" => false,
                    _ => {
                        return Err(ConfigError::Env {
                            name: name.into(),
                            message: format!("{v:?} is not true or false"),
                        });
                    }
                };
            }
        }
        Ok(())
    }

    /// Checks the settings that depend on each other, and the mail settings' syntax, so
    /// that a mistake stops Hearth at start instead of failing the first mail.
    pub fn validate(&self) -> Result<(), ConfigError> {
        if self.smtp_url.is_empty() {
            if self.confirm_email {
                return Err(ConfigError::Invalid {
                    name: "confirm_email",
                    message: "needs smtp_url: confirmation links are sent by mail".into(),
                });
            }
            return Ok(());
        }
        check_smtp_url(&self.smtp_url).map_err(|message| ConfigError::Invalid {
            name: "smtp_url",
            message,
        })?;
        if self.mail_from.is_empty() {
            return Err(ConfigError::Invalid {
                name: "mail_from",
                message: "is required when smtp_url is set (the sender of every mail)".into(),
            });
        }
        self.mail_from
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| ConfigError::Invalid {
                name: "mail_from",
                message: format!(
                    "{:?} is not an address like \"Bakery <hello@example.com>\": {e}",
                    self.mail_from
                ),
            })?;
        if !(self.public_url.starts_with("http://") || self.public_url.starts_with("https://")) {
            return Err(ConfigError::Invalid {
                name: "public_url",
                message:
                    "must be set (http:// or https://) when smtp_url is set: links in mail need it"
                        .into(),
            });
        }
        Ok(())
    }

    /// The database URL actually used: the configured one, or SQLite in the data directory.
    pub fn effective_database_url(&self) -> String {
        if self.database_url.is_empty() {
            format!("sqlite://{}", self.data_dir.join("hearth.db").display())
        } else {
            self.database_url.clone()
        }
    }

    pub fn uses_sqlite(&self) -> bool {
        !self.effective_database_url().starts_with("postgres")
    }

    /// Cookies get `Secure` when members reach Hearth over https.
    /// Is `ip` one of the `trusted_proxies`, whose `X-Forwarded-For` is believed?
    pub fn trusts_proxy(&self, ip: &std::net::IpAddr) -> bool {
        self.trusted_proxies.iter().any(|n| n.contains(ip))
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }
}

/// Checks `smtp_url`'s shape, with a message that says what to fix.
pub fn check_smtp_url(url: &str) -> Result<(), String> {
    let Some(rest) = url
        .strip_prefix("smtp://")
        .or_else(|| url.strip_prefix("smtps://"))
    else {
        return Err(format!(
            "{:?} must start with smtp:// or smtps://",
            redact_url(url)
        ));
    };
    let (authority, query) = rest.split_once('?').unwrap_or((rest, ""));
    let authority = authority.trim_end_matches('/');
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, hp)| hp);
    let (host, port) = match host_port.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || host_port.starts_with('[') => (h, Some(p)),
        _ => (host_port, None),
    };
    if host.is_empty() {
        return Err("has no host (smtp://host:port)".into());
    }
    if let Some(p) = port
        && !matches!(p.parse::<u16>(), Ok(n) if n > 0)
    {
        return Err(format!("port {p:?} is not a port number"));
    }
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("tls", "required" | "opportunistic")) if url.starts_with("smtp://") => {}
            Some(("tls", v)) => {
                return Err(format!(
                    "tls={v} is not understood: use ?tls=required or ?tls=opportunistic with smtp://, nothing with smtps://"
                ));
            }
            _ => {
                return Err(format!(
                    "unknown parameter {pair:?} (only tls= is understood)"
                ));
            }
        }
    }
    lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(url)
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// How many jobs one worker runs at once (`jobs::run_worker`), and so how many SMTP
/// connections the mailer keeps. Mail jobs spend most of their time waiting on the mail
/// server (lettre writes the final `.` of DATA separately, so each message can wait out a
/// delayed ACK); running several at once keeps the pool busy.
pub const JOB_CONCURRENCY: usize = 8;

#[cfg(test)]
mod tests {
    #[test]
    fn smtp_urls_are_checked_with_clear_messages() {
        for ok in [
            "smtp://127.0.0.1:2525",
            "smtp://mail.example.com",
            "smtp://mail.example.com:587?tls=required",
            "smtps://user:pa%40ss@mail.example.com:465",
        ] {
            assert_eq!(check_smtp_url(ok), Ok(()), "{ok}");
        }
        let e = check_smtp_url("smtps://u:hunter2@mail.example.com?tls=nope").unwrap_err();
        assert!(e.contains("tls=nope"), "{e}");
        let e = check_smtp_url("imap://u:hunter2@x").unwrap_err();
        assert!(e.contains("smtp://") && !e.contains("hunter2"), "{e}");
    }

    use super::*;

    fn env(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn layers_apply_in_order_defaults_file_env_flags() {
        let dir = std::env::temp_dir().join(format!("hearth-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("hearth.toml");
        std::fs::write(&file, "listen = \"0.0.0.0:1\"\nlog = \"debug\"\npublic_url = \"https://x.io\"\n[limits]\ntitle_max_chars = 99\n").unwrap();
        let flags = Overrides {
            config_file: Some(file.clone()),
            ..Default::default()
        };

        let c = Config::load(&flags, &env(&[])).unwrap();
        assert_eq!(
            (c.listen.as_str(), c.log.as_str(), c.limits.title_max_chars),
            ("0.0.0.0:1", "debug", 99)
        );
        assert_eq!(
            c.limits.body_max_bytes,
            Limits::default().body_max_bytes,
            "unset keys keep defaults"
        );
        assert!(c.secure_cookies());

        let c = Config::load(
            &flags,
            &env(&[
                ("HEARTH_LISTEN", "127.0.0.1:2"),
                ("HEARTH_TITLE_MAX_CHARS", "5"),
            ]),
        )
        .unwrap();
        assert_eq!(
            (c.listen.as_str(), c.log.as_str(), c.limits.title_max_chars),
            ("127.0.0.1:2", "debug", 5)
        );

        let flags = Overrides {
            listen: Some("127.0.0.1:3".into()),
            ..flags
        };
        let c = Config::load(&flags, &env(&[("HEARTH_LISTEN", "127.0.0.1:2")])).unwrap();
        assert_eq!(c.listen, "127.0.0.1:3", "flags win");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn secrets_come_from_files_and_never_print() {
        let dir = std::env::temp_dir().join(format!("hearth-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let secret = dir.join("db-url");
        std::fs::write(&secret, "postgres://hearth:s3cret@db/hearth\n").unwrap();
        let c = Config::load(
            &Overrides::default(),
            &env(&[
                ("HEARTH_DATABASE_URL_FILE", secret.to_str().unwrap()),
                ("HEARTH_DATA_DIR", dir.to_str().unwrap()),
            ]),
        )
        .unwrap();
        assert_eq!(c.database_url, "postgres://hearth:s3cret@db/hearth");
        assert!(!format!("{c:?}").contains("s3cret"));
        assert!(format!("{c:?}").contains("hearth:***@db"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn bad_layers_name_what_is_wrong() {
        let e = Config::load(
            &Overrides {
                config_file: Some("/nonexistent/h.toml".into()),
                ..Default::default()
            },
            &env(&[]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("/nonexistent/h.toml"), "{e}");
        let e = Config::load(
            &Overrides::default(),
            &env(&[
                ("HEARTH_BODY_MAX_BYTES", "lots"),
                ("HEARTH_DATA_DIR", "/nonexistent"),
            ]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("HEARTH_BODY_MAX_BYTES"), "{e}");
        let dir = std::env::temp_dir().join(format!("hearth-badcfg-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("hearth.toml"), "lisen = 1").unwrap();
        let e = Config::load(
            &Overrides {
                data_dir: Some(dir.clone()),
                ..Default::default()
            },
            &env(&[]),
        )
        .unwrap_err();
        assert!(e.to_string().contains("lisen"), "{e}");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn malformed_mail_settings_are_refused_by_name() {
        let base = |pairs: &[(&str, &str)]| {
            let mut all = vec![
                ("HEARTH_DATA_DIR", "/nonexistent"),
                ("HEARTH_PUBLIC_URL", "https://c.example.com"),
                ("HEARTH_MAIL_FROM", "Bakery <hello@example.com>"),
            ];
            all.extend_from_slice(pairs);
            Config::load(&Overrides::default(), &env(&all))
        };
        let ok = base(&[("HEARTH_SMTP_URL", "smtp://127.0.0.1:2525")]).unwrap();
        assert_eq!(ok.smtp_url, "smtp://127.0.0.1:2525");
        for (url, says) in [
            ("smtp//127.0.0.1", "smtp://"),
            ("http://mail.example.com", "smtp://"),
            ("smtp://", "host"),
            ("smtp://mail.example.com:notaport", "port"),
            ("smtp://mail.example.com?tls=sometimes", "tls"),
        ] {
            let e = base(&[("HEARTH_SMTP_URL", url)]).unwrap_err().to_string();
            assert!(e.contains("smtp_url") && e.contains(says), "{url}: {e}");
        }
        let e = base(&[
            ("HEARTH_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("HEARTH_MAIL_FROM", "not an address"),
        ])
        .unwrap_err()
        .to_string();
        assert!(e.contains("mail_from"), "{e}");
        let e = base(&[("HEARTH_CONFIRM_EMAIL", "true")])
            .unwrap_err()
            .to_string();
        assert!(e.contains("confirm_email") && e.contains("smtp_url"), "{e}");
        let e = Config::load(
            &Overrides::default(),
            &env(&[
                ("HEARTH_DATA_DIR", "/nonexistent"),
                ("HEARTH_SMTP_URL", "smtps://u:secretpw@mail.example.com"),
                ("HEARTH_MAIL_FROM", "hello@example.com"),
            ]),
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("public_url") && !e.contains("secretpw"), "{e}");
        let c = base(&[("HEARTH_SMTP_URL", "smtps://u:secretpw@mail.example.com")]).unwrap();
        assert!(!format!("{c:?}").contains("secretpw"));
    }

    #[test]
    fn the_documented_example_parses() {
        let mut c = Config::default();
        c.apply_file(Path::new("hearth.example.toml"), EXAMPLE)
            .unwrap();
    }
}

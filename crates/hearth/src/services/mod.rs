//! Services: one module per capability. Each takes an [`Actor`], asks `hearth_core::access`
//! whether it may act, and performs the change through the store. Services know neither
//! HTTP nor HTML; the web layer maps their errors to statuses.

pub mod accounts;
pub mod audit;
pub mod badges;
pub mod churn;
pub mod community;
pub mod discipline;
pub mod email;
pub mod events;
pub mod experiments;
pub mod goals;
pub mod groups;
pub mod health;
pub mod ideas;
pub mod insights;
pub mod levels;
pub mod member_insights;
pub mod members;
pub mod membership;
pub mod moderation;
pub mod network;
pub mod notifications;
pub mod operations;
pub mod people;
pub mod points;
pub mod polls;
pub mod posts;
pub mod profiles;
pub mod report;
pub mod rewards;
pub mod search;
pub mod sentiment;
pub mod spaces;
pub mod spam;
pub mod topics;
pub mod trust;
pub mod value;
pub mod visits;
pub mod watches;
pub mod webhooks;

use crate::config::Config;
use hearth_core::Invalid;
use hearth_core::access;
use hearth_store::{Store, StoreError};
use std::sync::Arc;

pub use hearth_core::access::Actor;

/// The handle every service function takes: the store, the configuration and the
/// mailer (none when no `smtp_url` is set).
#[derive(Clone, Debug)]
pub struct Hearth {
    pub store: Store,
    pub config: Arc<Config>,
    pub mailer: Option<Arc<crate::mail::Mailer>>,
    /// The key that signs unsubscribe links, read from the database once.
    pub unsubscribe_key: Arc<tokio::sync::OnceCell<String>>,
    /// The spam filter's model as last parsed, with the stamp it was read at (see
    /// `trust::spam_model`): a per-node copy, read again whenever the stored one changes.
    pub spam_model: Arc<std::sync::Mutex<Option<CachedModel>>>,
    /// Permits for argon2 work (`accounts::hashing`): at most this many hashes at once.
    pub hashing: Arc<tokio::sync::Semaphore>,
    /// The hash unknown addresses are checked against, made with the configured argon2
    /// parameters on first use.
    pub dummy_hash: Arc<tokio::sync::OnceCell<String>>,
    /// Permits for decoding uploaded pictures (`profiles::decoding`): at most two at once.
    pub images: Arc<tokio::sync::Semaphore>,
    /// Visits and topic views waiting to be written (`visits::Recorder`).
    pub visits: Arc<visits::Recorder>,
    /// This node's copy of the analytics engine (`crate::insights`), fed by the worker.
    pub insights: Arc<crate::insights::Engine>,
    /// This node's counters for `/metrics`.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The client webhook deliveries go through (`webhooks::client`).
    pub webhook_client: reqwest::Client,
}

/// How many uploaded pictures are decoded at once.
pub const IMAGE_PERMITS: usize = 2;

/// How many password hashes run at once: argon2 takes `argon2_memory_kib` and a core
/// for each, so a flood must queue rather than take every blocking thread.
pub const HASHING_PERMITS: usize = 2;

impl Hearth {
    pub fn new(store: Store, config: Config) -> anyhow::Result<Hearth> {
        crate::i18n::install();
        let mailer = crate::mail::Mailer::from_config(&config)?.map(Arc::new);
        let webhook_client =
            crate::outbound::client(config.allow_local_webhooks, config.webhook_timeout_ms)?;
        Ok(Hearth {
            store,
            config: Arc::new(config),
            mailer,
            unsubscribe_key: Arc::default(),
            spam_model: Arc::default(),
            hashing: Arc::new(tokio::sync::Semaphore::new(HASHING_PERMITS)),
            dummy_hash: Arc::default(),
            images: Arc::new(tokio::sync::Semaphore::new(IMAGE_PERMITS)),
            visits: Arc::default(),
            insights: Arc::default(),
            metrics: Arc::default(),
            webhook_client,
        })
    }
}

/// A parsed spam model and the stamp of the stored model it was read from.
pub type CachedModel = (i64, Arc<hearth_core::spam::Model>);

/// What a service can refuse or fail with. Refusals carry a message key (a Fluent key in
/// `locales/*/server.ftl`, with its arguments): a page says it in its reader's language,
/// and `Display` (the API, the command line, the log) says it in English from the same key.
#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    /// Input did not parse; names the field.
    #[error(transparent)]
    Invalid(#[from] Invalid),
    /// The thing does not exist, or the actor may not know it exists: the key says which
    /// thing (`err-not-found-topic`).
    #[error("{}", english(.0))]
    NotFound(&'static str),
    /// The actor must sign in first.
    #[error("{}", english("err-sign-in"))]
    Unauthenticated,
    /// The actor is known but may not do this: the key says why.
    #[error("{}", english(.0))]
    Forbidden(&'static str),
    /// A unique value is taken.
    #[error("{}", hearth_core::message!("err-field-taken", field = *field))]
    Conflict { field: &'static str },
    /// Setup already ran, or has not yet; the key says what stands in the way.
    #[error("{}", english(.0))]
    State(&'static str),
    #[error("{}", english("err-rate-limited"))]
    RateLimited,
    #[error("{}", english("err-bad-credentials"))]
    BadCredentials,
    /// The member is silenced, suspended or banned; says until when and why.
    #[error("{0}")]
    Restricted(hearth_core::Message),
    /// The request is understood but what it asks cannot be done now, and the message says
    /// why with its numbers (too few points for a reward, none left).
    #[error("{0}")]
    Refused(hearth_core::Message),
    /// An import file is wrong: names the file, line and field.
    #[error("{0}")]
    Import(crate::import::ImportError),
    /// Something broke on our side: said to the log (with its source error), never to the
    /// person, who gets a generic apology.
    #[error("internal error: {0}")]
    Internal(#[source] Internal),
}

/// A message without arguments, in English.
fn english(key: &'static str) -> String {
    crate::i18n::english(&hearth_core::Message::new(key))
}

impl ServiceError {
    /// What to say to a person, as a key and its arguments, when there is something to
    /// say: an input error's message (without its field), a refusal, a restriction. The
    /// page says it in its reader's language. `None` for an import error (which names the
    /// file in the parser's words) and an internal error (which says nothing of ours).
    pub fn message(&self) -> Option<hearth_core::Message> {
        use hearth_core::Message;
        Some(match self {
            ServiceError::Invalid(inv) => inv.message.clone(),
            ServiceError::NotFound(k) | ServiceError::Forbidden(k) | ServiceError::State(k) => {
                Message::new(k)
            }
            ServiceError::Unauthenticated => Message::new("err-sign-in"),
            ServiceError::Conflict { field } => {
                hearth_core::message!("err-field-taken", field = *field)
            }
            ServiceError::RateLimited => Message::new("err-rate-limited"),
            ServiceError::BadCredentials => Message::new("err-bad-credentials"),
            ServiceError::Restricted(m) | ServiceError::Refused(m) => m.clone(),
            ServiceError::Import(_) | ServiceError::Internal(_) => return None,
        })
    }
}

/// What went wrong on our side, with the error that caused it when there is one, so the
/// log shows the whole chain (`std::error::Error::source`).
#[derive(Debug)]
pub struct Internal {
    pub what: String,
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl Internal {
    /// `what` failed because of `source`.
    pub fn caused(
        what: impl Into<String>,
        source: impl std::error::Error + Send + Sync + 'static,
    ) -> Internal {
        Internal {
            what: what.into(),
            source: Some(Box::new(source)),
        }
    }
}

impl std::fmt::Display for Internal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.source {
            Some(source) => write!(f, "{}: {source}", self.what),
            None => f.write_str(&self.what),
        }
    }
}

impl std::error::Error for Internal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
}

impl From<String> for Internal {
    fn from(what: String) -> Internal {
        Internal { what, source: None }
    }
}

impl ServiceError {
    /// An internal error that has no source error of its own.
    pub fn internal(what: impl Into<String>) -> ServiceError {
        ServiceError::Internal(Internal::from(what.into()))
    }
}

impl From<&ServiceError> for crate::i18n::Said {
    /// An input error with its field, a refusal by its key, anything else in English.
    fn from(e: &ServiceError) -> Self {
        match (e, e.message()) {
            (ServiceError::Invalid(inv), _) => crate::i18n::Said::Invalid(inv.clone()),
            (_, Some(m)) => crate::i18n::Said::Message(m),
            (_, None) => crate::i18n::Said::Words(e.to_string()),
        }
    }
}

/// The gate of the admin pages (`access::can_open_admin`), for pages whose data comes from
/// several services.
pub fn admin_only(actor: &Actor) -> Result<()> {
    if access::can_open_admin(actor) {
        Ok(())
    } else {
        Err(ServiceError::Forbidden("err-admin-pages"))
    }
}

impl From<crate::import::Failure> for ServiceError {
    fn from(e: crate::import::Failure) -> Self {
        match e {
            crate::import::Failure::File(e) => ServiceError::Import(e),
            crate::import::Failure::Store(e) => e.into(),
            crate::import::Failure::Internal(e) => ServiceError::internal(e),
        }
    }
}

impl From<StoreError> for ServiceError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::Conflict { field } => ServiceError::Conflict { field },
            StoreError::NotFound => ServiceError::NotFound("err-not-found-record"),
            StoreError::AlreadySetUp => ServiceError::State("err-already-set-up"),
            StoreError::OverLimit(_) => ServiceError::RateLimited,
            other => ServiceError::Internal(Internal::caused("the database", other)),
        }
    }
}

pub type Result<T, E = ServiceError> = std::result::Result<T, E>;

/// Counts a hit on rate-limit `bucket` and refuses (429) once there were more than `max`
/// in `window_ms`. The one way services apply a budget (sign-ins, sign-ups, uploads,
/// downloads, confirmation mail...).
pub async fn rate_limit(h: &Hearth, bucket: &str, max: i64, window_ms: i64) -> Result<()> {
    if h.store
        .rate_limit_hit(bucket, max, window_ms, now())
        .await?
    {
        Ok(())
    } else {
        Err(ServiceError::RateLimited)
    }
}

/// Runs `work` on a blocking thread once `permits` lets it: the bound on expensive work
/// (argon2, picture decoding) that a flood of requests could otherwise run side by side.
/// The permit travels with the work, not with the request: a client that disconnects (or
/// a request that times out) drops its handler, but the blocking work runs on, and its
/// slot must stay taken until it ends.
pub async fn blocking_with<T: Send + 'static>(
    permits: &Arc<tokio::sync::Semaphore>,
    work: impl FnOnce() -> Result<T> + Send + 'static,
) -> Result<T> {
    let permit = permits
        .clone()
        .acquire_owned()
        .await
        .map_err(|e| ServiceError::internal(e.to_string()))?;
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| ServiceError::internal(e.to_string()))?
}

/// An optional text input, trimmed; `None` when empty.
pub fn blank(v: Option<&str>) -> Option<&str> {
    v.map(str::trim).filter(|v| !v.is_empty())
}

/// A filter's text (search, directory): trimmed, and control characters (a NUL, say)
/// refused, naming the field.
pub fn filter_text<'a>(field: &'static str, v: Option<&'a str>) -> Result<Option<&'a str>> {
    match blank(v) {
        Some(t) if t.chars().any(char::is_control) => {
            Err(Invalid::new(field, "err-control-characters").into())
        }
        other => Ok(other),
    }
}

/// An id cursor this server gave out (`None` for the first page).
pub fn id_cursor(cursor: Option<&str>) -> Result<Option<i64>> {
    cursor
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.parse::<i64>()
                .map_err(|_| Invalid::new("cursor", "err-cursor").into())
        })
        .transpose()
}

/// Cuts `rows` (fetched with one extra) to a page of `per_page`, and the cursor of the next
/// page: the id of the last row kept, when there is more.
pub fn id_page<T>(
    mut rows: Vec<T>,
    per_page: i64,
    id: impl Fn(&T) -> i64,
) -> (Vec<T>, Option<String>) {
    if rows.len() as i64 > per_page {
        rows.truncate(per_page as usize);
        let next = rows.last().map(|r| id(r).to_string());
        (rows, next)
    } else {
        (rows, None)
    }
}

pub fn now() -> i64 {
    hearth_store::now_millis()
}

#[cfg(test)]
mod tests {
    use super::ServiceError;
    use std::error::Error;

    /// A database failure becomes an internal error that still carries it, so the log (and
    /// anything walking `source()`) sees what the database said.
    #[test]
    fn internal_errors_keep_their_source() {
        let e: ServiceError = hearth_store::StoreError::Decode("column x".into()).into();
        let ServiceError::Internal(internal) = &e else {
            panic!("{e:?} is not internal");
        };
        assert_eq!(internal.what, "the database");
        let source = e.source().and_then(|i| i.source()).map(|s| s.to_string());
        assert_eq!(
            source.as_deref(),
            Some("a stored value could not be read: column x")
        );
        assert!(e.to_string().contains("column x"));
        assert!(
            ServiceError::internal("no source")
                .source()
                .and_then(|i| i.source())
                .is_none()
        );
    }
}

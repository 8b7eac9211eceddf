//! Importers: files from other channels into people, identities, orders and activities.
//!
//! Each format has a parser (one module per source) that reads the file as a stream — a
//! 2 GB export is never loaded whole — on a blocking thread, and sends [`Record`]s over a
//! bounded channel to [`run`], which writes them in **one transaction** through
//! `hearth_store::import::Import`. A parse error anywhere (named by file, line and field)
//! drops the transaction: nothing is half-imported. Every row an importer writes carries a
//! key derived from the source (`discord:msg:<id>`, `shopify:order:<name>`), so importing
//! the same file again changes nothing.

pub mod activities;
mod discord;
pub mod generate;
mod mailchimp;
mod members;
mod shop;
mod slack;
pub mod sources;
mod tabular;

use hearth_store::import::{ExternalActivity, ImportCounts, NewOrder};
use hearth_store::people::Sighting;
use hearth_store::{Store, StoreError};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// What kind of file is imported (`hearth import KIND FILE`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Members,
    Activities,
    ShopifyOrders,
    ShopifyCustomers,
    StripeCustomers,
    StripePayments,
    Mailchimp,
    Discord,
    Slack,
}

/// Every kind, its name on the command line and what the file is.
pub const KINDS: &[(Kind, &str, &str)] = &[
    (
        Kind::Members,
        "members",
        "Members CSV: email, name, handle, tags; other columns become custom fields",
    ),
    (
        Kind::Activities,
        "activities",
        "Activities as CSV or NDJSON, with the fields of POST /api/v1/activities",
    ),
    (
        Kind::ShopifyOrders,
        "shopify-orders",
        "Shopify's orders export (one row per line item; refunds included)",
    ),
    (
        Kind::ShopifyCustomers,
        "shopify-customers",
        "Shopify's customers export",
    ),
    (
        Kind::StripeCustomers,
        "stripe-customers",
        "Stripe's customers export (unified_customers.csv)",
    ),
    (
        Kind::StripePayments,
        "stripe-payments",
        "Stripe's payments export (unified_payments.csv)",
    ),
    (
        Kind::Mailchimp,
        "mailchimp",
        "A Mailchimp audience export CSV: subscribed, unsubscribed or cleaned contacts",
    ),
    (
        Kind::Discord,
        "discord",
        "A Discord channel exported by DiscordChatExporter as JSON",
    ),
    (
        Kind::Slack,
        "slack",
        "A Slack workspace export zip (users.json, channels.json, a folder of days per channel)",
    ),
];

impl Kind {
    pub fn parse(name: &str) -> Result<Kind, ImportError> {
        KINDS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(k, _, _)| *k)
            .ok_or_else(|| ImportError {
                file: String::new(),
                line: None,
                field: Some("kind".into()),
                message: format!(
                    "unknown import kind {name:?}; one of {}",
                    KINDS
                        .iter()
                        .map(|(_, n, _)| *n)
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            })
    }

    pub fn name(self) -> &'static str {
        KINDS
            .iter()
            .find(|(k, _, _)| *k == self)
            .map_or("members", |(_, n, _)| n)
    }
}

/// How an import failed: the file is wrong (where and why), the database refused, or
/// something broke on our side. Services turn it into their own error.
#[derive(Debug)]
pub enum Failure {
    File(ImportError),
    Store(StoreError),
    Internal(String),
}

impl From<StoreError> for Failure {
    fn from(e: StoreError) -> Self {
        Failure::Store(e)
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::File(e) => e.fmt(f),
            Failure::Store(e) => e.fmt(f),
            Failure::Internal(e) => f.write_str(e),
        }
    }
}

/// Why an import stopped: the file, the line (1-based; a CSV's header is line 1) and the
/// field, when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub line: Option<u64>,
    pub field: Option<String>,
    pub message: String,
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(field) = &self.field {
            write!(f, ", field {field}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// An error in the file being read, before the file name is known to the parser.
pub(crate) fn bad(
    line: Option<u64>,
    field: Option<&str>,
    message: impl Into<String>,
) -> ImportError {
    ImportError {
        file: String::new(),
        line,
        field: field.map(str::to_string),
        message: message.into(),
    }
}

/// The summary `hearth import --json` prints and the audit keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub import_id: i64,
    pub counts: ImportCounts,
}

/// A person as a parser saw them (owned, to cross the channel).
#[derive(Debug, Clone, Default)]
pub struct Person {
    pub channel: String,
    pub external_id: String,
    pub email: String,
    pub handle: String,
    pub name: String,
}

impl Person {
    fn sighting(&self) -> Sighting<'_> {
        Sighting {
            channel: &self.channel,
            external_id: &self.external_id,
            email: &self.email,
            handle: &self.handle,
            name: &self.name,
        }
    }
}

/// Who an activity belongs to: someone seen in the file, a hub member's handle, or a
/// member already resolved.
#[derive(Debug, Clone)]
pub enum Who {
    Seen(Person),
    Handle(String),
    Member(i64),
}

/// One activity a parser read.
#[derive(Debug, Clone)]
pub struct Activity {
    /// Where it was read (for errors about who it belongs to).
    pub line: u64,
    pub who: Who,
    pub kind: String,
    pub channel: String,
    /// The member the activity points at (the author answered or reacted to).
    pub target: Option<Who>,
    pub weight: i64,
    pub properties: Option<String>,
    pub key: String,
    pub occurred_at: i64,
}

/// One order a parser read, with the activities it implies written by the writer.
#[derive(Debug, Clone)]
pub struct Order {
    pub who: Person,
    pub source: &'static str,
    pub external_id: String,
    pub total_cents: i64,
    pub refunded_cents: i64,
    pub currency: String,
    pub status: String,
    pub lines: String,
    pub placed_at: i64,
    /// When the refund happened, if the source says (else when the order was placed).
    pub refunded_at: Option<i64>,
    /// The activity kinds for placing and refunding (`order_placed`/`payment_made`).
    pub kinds: (&'static str, &'static str),
}

/// What parsers send to the writer.
#[derive(Debug, Clone)]
pub enum Record {
    /// A data row was read (for `rows_read`).
    Row,
    Person {
        person: Person,
        tags: Vec<String>,
        fields: Vec<(String, String)>,
    },
    Activity(Activity),
    Order(Order),
    Skip {
        line: u64,
        reason: String,
    },
}

/// Sends records to the writer, [`OUT_BATCH`] at a time (one channel message per record
/// would cost both threads more than the record); a closed channel means the writer
/// stopped (an error).
pub struct Out {
    tx: tokio::sync::mpsc::Sender<Vec<Record>>,
    batch: std::cell::RefCell<Vec<Record>>,
}

/// Records per channel message.
const OUT_BATCH: usize = 256;

impl Out {
    pub fn send(&self, r: Record) -> Result<(), ImportError> {
        let full = {
            let mut batch = self.batch.borrow_mut();
            batch.push(r);
            batch.len() >= OUT_BATCH
        };
        if full { self.flush() } else { Ok(()) }
    }

    /// Sends what is batched (the parser calls it last).
    fn flush(&self) -> Result<(), ImportError> {
        let batch = self.batch.replace(Vec::with_capacity(OUT_BATCH));
        if batch.is_empty() {
            return Ok(());
        }
        self.tx
            .blocking_send(batch)
            .map_err(|_| bad(None, None, "the import stopped"))
    }
    pub fn row(&self) -> Result<(), ImportError> {
        self.send(Record::Row)
    }
    pub fn skip(&self, line: u64, reason: impl Into<String>) -> Result<(), ImportError> {
        self.send(Record::Skip {
            line,
            reason: reason.into(),
        })
    }
}

/// How far an import has read, for a progress bar or page.
#[derive(Debug, Default)]
pub struct Progress {
    pub bytes_read: AtomicU64,
    pub bytes_total: AtomicU64,
    pub rows: AtomicU64,
}

impl Progress {
    /// Percentage read, 0–100.
    pub fn percent(&self) -> u64 {
        let total = self.bytes_total.load(Ordering::Relaxed).max(1);
        (self.bytes_read.load(Ordering::Relaxed) * 100 / total).min(100)
    }
}

/// A reader that counts the bytes read into a [`Progress`].
pub struct Counting<R> {
    inner: R,
    progress: Arc<Progress>,
}

impl<R: std::io::Seek> std::io::Seek for Counting<R> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.progress
            .bytes_read
            .fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// The file to import and how to report on it.
#[derive(Clone)]
pub struct Source {
    pub path: PathBuf,
    /// The name shown in errors and the audit (the uploaded file's name).
    pub file_name: String,
    pub progress: Arc<Progress>,
}

impl Source {
    pub fn new(path: &Path) -> Source {
        Source {
            path: path.to_path_buf(),
            file_name: path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            progress: Arc::new(Progress::default()),
        }
    }

    /// Opens the file for a streaming parser, counting what is read.
    pub fn open(&self) -> Result<Counting<std::io::BufReader<std::fs::File>>, ImportError> {
        let file = std::fs::File::open(&self.path)
            .map_err(|e| bad(None, None, format!("cannot open: {e}")))?;
        Ok(Counting {
            inner: std::io::BufReader::with_capacity(256 * 1024, file),
            progress: self.progress.clone(),
        })
    }
}

/// Imports one file: parses it on a blocking thread and writes everything it read in one
/// transaction, or nothing. A failed import is recorded in the audit with its error.
pub async fn run(
    store: &Store,
    kind: Kind,
    source: &Source,
    by_id: Option<i64>,
) -> Result<Summary, Failure> {
    let started = hearth_store::now_millis();
    let meta = std::fs::metadata(&source.path).map_err(|e| {
        Failure::File(ImportError {
            file: source.file_name.clone(),
            line: None,
            field: None,
            message: format!("cannot open: {e}"),
        })
    })?;
    source
        .progress
        .bytes_total
        .store(meta.len(), Ordering::Relaxed);
    // Read off the runtime's threads: a file may be gigabytes.
    let path = source.path.clone();
    let sha = tokio::task::spawn_blocking(move || sources::file_sha256(&path))
        .await
        .map_err(|e| Failure::Internal(format!("hashing the import: {e}")))?
        .unwrap_or_default();
    match write(store, kind, source, by_id, &sha).await {
        Ok(summary) => Ok(summary),
        Err(e) => {
            let e = match e {
                Failure::File(mut e) => {
                    if e.file.is_empty() {
                        e.file = source.file_name.clone();
                    }
                    Failure::File(e)
                }
                other => other,
            };
            store
                .record_failed_import(
                    kind.name(),
                    &source.file_name,
                    &sha,
                    by_id,
                    started,
                    &e.to_string(),
                )
                .await?;
            Err(e)
        }
    }
}

async fn write(
    store: &Store,
    kind: Kind,
    source: &Source,
    by_id: Option<i64>,
    sha: &str,
) -> Result<Summary, Failure> {
    let mut import = store
        .begin_import(kind.name(), &source.file_name, sha, by_id)
        .await?;
    let (tx, mut rx) = tokio::sync::mpsc::channel::<Vec<Record>>(16);
    let out = Out {
        tx,
        batch: std::cell::RefCell::new(Vec::with_capacity(OUT_BATCH)),
    };
    let parse_source = source.clone();
    let parser = tokio::task::spawn_blocking(move || {
        parse(kind, &parse_source, &out)?;
        out.flush()
    });
    let progress = source.progress.clone();
    let mut written: Result<(), Failure> = Ok(());
    'batches: while let Some(batch) = rx.recv().await {
        for record in batch {
            if written.is_err() {
                continue 'batches;
            }
            if let Err(e) = apply(&mut import, record, &progress).await {
                written = Err(e);
                rx.close();
            }
        }
    }
    let parsed = parser
        .await
        .map_err(|e| Failure::Internal(format!("the import's parser stopped: {e}")))?;
    parsed.map_err(Failure::File)?;
    written?;
    let (import_id, counts) = import.finish().await?;
    Ok(Summary { import_id, counts })
}

/// Writes activities already read and checked (the activities API's batch) as one import
/// of kind `api`, in one transaction.
pub async fn ingest(
    store: &Store,
    records: Vec<Record>,
    by_id: Option<i64>,
) -> Result<Summary, Failure> {
    let mut import = store
        .begin_import("api", "POST /api/v1/activities", "", by_id)
        .await?;
    let progress = Progress::default();
    for record in records {
        apply(&mut import, record, &progress).await?;
    }
    let (import_id, counts) = import.finish().await?;
    Ok(Summary { import_id, counts })
}

fn parse(kind: Kind, source: &Source, out: &Out) -> Result<(), ImportError> {
    match kind {
        Kind::Members => members::parse(source, out),
        Kind::Activities => activities::parse(source, out),
        Kind::ShopifyOrders => shop::shopify_orders(source, out),
        Kind::ShopifyCustomers => shop::shopify_customers(source, out),
        Kind::StripeCustomers => shop::stripe_customers(source, out),
        Kind::StripePayments => shop::stripe_payments(source, out),
        Kind::Mailchimp => mailchimp::parse(source, out),
        Kind::Discord => discord::parse(source, out),
        Kind::Slack => slack::parse(source, out),
    }
}

/// The member `who` names: met (created when new), or found by handle; `field` names the
/// item's field when no member has the handle.
async fn resolve(
    import: &mut hearth_store::import::Import,
    who: &Who,
    line: u64,
    field: &str,
) -> Result<i64, Failure> {
    Ok(match who {
        Who::Member(id) => *id,
        Who::Seen(p) => import.person(&p.sighting()).await?,
        Who::Handle(handle) => import.member_by_handle(handle).await?.ok_or_else(|| {
            Failure::File(bad(
                Some(line),
                Some(field),
                format!("no member has the handle @{handle}"),
            ))
        })?,
    })
}

async fn apply(
    import: &mut hearth_store::import::Import,
    record: Record,
    progress: &Progress,
) -> Result<(), Failure> {
    match record {
        Record::Row => {
            import.counts.rows_read += 1;
            progress.rows.fetch_add(1, Ordering::Relaxed);
        }
        Record::Skip { line, reason } => import.skip(line, reason),
        Record::Person {
            person,
            tags,
            fields,
        } => {
            let id = import.person(&person.sighting()).await?;
            for tag in &tags {
                import.tag(id, tag).await?;
            }
            for (name, value) in &fields {
                import.field(id, name, value).await?;
            }
        }
        Record::Activity(a) => {
            let member_id = resolve(import, &a.who, a.line, "member").await?;
            let target_id = match &a.target {
                Some(t) => Some(resolve(import, t, a.line, "target_member").await?),
                None => None,
            };
            import
                .activity(ExternalActivity {
                    member_id,
                    kind: a.kind,
                    channel: a.channel,
                    target_type: target_id.map(|_| "member"),
                    target_id,
                    weight: a.weight,
                    properties: a.properties,
                    key: a.key,
                    occurred_at: a.occurred_at,
                })
                .await?;
        }
        Record::Order(o) => {
            let member_id = import.person(&o.who.sighting()).await?;
            let change = import
                .order(&NewOrder {
                    member_id,
                    source: o.source,
                    external_id: &o.external_id,
                    total_cents: o.total_cents,
                    refunded_cents: o.refunded_cents,
                    currency: &o.currency,
                    status: &o.status,
                    lines: &o.lines,
                    placed_at: o.placed_at,
                })
                .await?;
            let properties = serde_json::json!({
                "source": o.source,
                "number": o.external_id,
                "currency": o.currency,
                "total": o.total_cents,
            })
            .to_string();
            import
                .activity(ExternalActivity {
                    member_id,
                    kind: o.kinds.0.to_string(),
                    channel: "shop".into(),
                    target_type: Some("order"),
                    target_id: Some(change.id),
                    weight: o.total_cents,
                    properties: Some(properties.clone()),
                    key: format!("{}:order:{}", o.source, o.external_id),
                    occurred_at: o.placed_at,
                })
                .await?;
            if o.refunded_cents > 0 {
                import
                    .activity(ExternalActivity {
                        member_id,
                        kind: o.kinds.1.to_string(),
                        channel: "shop".into(),
                        target_type: Some("order"),
                        target_id: Some(change.id),
                        weight: change.refund_added.max(0),
                        properties: Some(properties),
                        key: format!("{}:refund:{}:{}", o.source, o.external_id, o.refunded_cents),
                        occurred_at: o.refunded_at.unwrap_or(o.placed_at),
                    })
                    .await?;
            }
        }
    }
    Ok(())
}

/// Tags typed in a form or a cell: separated by commas or semicolons.
pub fn tag_list(s: &str) -> Vec<String> {
    tabular::list(s)
}

/// The summary as `hearth import --json` prints it (the contract).
pub fn summary_json(s: &Summary) -> serde_json::Value {
    serde_json::json!({
        "import_id": s.import_id,
        "rows_read": s.counts.rows_read,
        "members_created": s.counts.members_created,
        "members_matched": s.counts.members_matched,
        "activities_created": s.counts.activities_created,
        "rows_skipped": s.counts.skipped.iter().map(|(line, reason)| serde_json::json!({"line": line, "reason": reason})).collect::<Vec<_>>(),
    })
}

/// Imports started from the admin page, by token, so their progress page can be polled.
/// Per node and in memory: the audit row is the durable record.
#[derive(Default)]
pub struct Running {
    runs: std::sync::Mutex<std::collections::HashMap<String, Arc<RunningImport>>>,
}

/// One import in progress (or just finished).
pub struct RunningImport {
    pub kind: Kind,
    pub file_name: String,
    pub progress: Arc<Progress>,
    /// The audit row's id once it ended well, or the error.
    pub outcome: std::sync::Mutex<Option<Result<i64, String>>>,
    pub started: std::time::Instant,
}

impl Running {
    /// Registers an import; forgets those that ended more than an hour ago.
    pub fn start(&self, token: String, run: Arc<RunningImport>) {
        let mut runs = self
            .runs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        runs.retain(|_, r| r.started.elapsed() < std::time::Duration::from_secs(3600));
        runs.insert(token, run);
    }

    pub fn get(&self, token: &str) -> Option<Arc<RunningImport>> {
        self.runs
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(token)
            .cloned()
    }
}

impl RunningImport {
    pub fn finish(&self, outcome: Result<i64, String>) {
        *self
            .outcome
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(outcome);
    }

    pub fn outcome(&self) -> Option<Result<i64, String>> {
        self.outcome
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }
}
